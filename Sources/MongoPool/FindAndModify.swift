import BSON
import CMongoC

/// `mongoc_collection_find_and_modify_with_opts`: one document found, changed and returned atomically.
struct FindAndModify: MongoOperation {
    let filter: Document
    let namespace: Namespace
    let options: FindAndModifyOptions

    func run(on client: OpaquePointer) throws(MongoError) -> Document? {
        guard let opts = mongoc_find_and_modify_opts_new() else {
            throw MongoError(.invalidArgument, "libmongoc could not allocate findAndModify options")
        }
        defer { mongoc_find_and_modify_opts_destroy(opts) }
        var flags = MONGOC_FIND_AND_MODIFY_NONE.rawValue
        if options.remove { flags |= MONGOC_FIND_AND_MODIFY_REMOVE.rawValue }
        if options.upsert { flags |= MONGOC_FIND_AND_MODIFY_UPSERT.rawValue }
        if options.returnNew { flags |= MONGOC_FIND_AND_MODIFY_RETURN_NEW.rawValue }
        _ = mongoc_find_and_modify_opts_set_flags(opts, mongoc_find_and_modify_flags_t(rawValue: flags))
        if let sort = options.sort { _ = sort.withBSONPointer { mongoc_find_and_modify_opts_set_sort(opts, $0) } }
        if let update = options.update { _ = update.withBSONPointer { mongoc_find_and_modify_opts_set_update(opts, $0) } }
        if let projection = options.projection { _ = projection.withBSONPointer { mongoc_find_and_modify_opts_set_fields(opts, $0) } }
        var extra = Document()
        if let arrayFilters = options.arrayFilters { extra.append("arrayFilters", .array(arrayFilters.map(BSONValue.document))) }
        if let writeConcern = options.writeConcern { extra.append("writeConcern", .document(writeConcern.document)) }
        if !extra.isEmpty { _ = extra.withBSONPointer { mongoc_find_and_modify_opts_append(opts, $0) } }

        return try namespace.withCollection(on: client) { collection throws(MongoError) in
            let reply = ReplyStorage()
            var error = bson_error_t()
            let ok = filter.withBSONPointer { filter in
                mongoc_collection_find_and_modify_with_opts(collection, filter, opts, reply.pointer, &error)
            }
            let document = reply.take()
            guard ok else { throw MongoError(error, reply: document) }
            return document["value"]?.documentValue
        }
    }
}

/// What findAndModify does with the first document matching its filter (in `sort` order): `update` it
/// (operators or a replacement) or `remove` it, returning it as it was or (`returnNew`) as it became.
public struct FindAndModifyOptions: Sendable {
    public var sort: Document?
    public var update: Document?
    public var remove: Bool
    public var upsert: Bool
    public var returnNew: Bool
    public var projection: Document?
    public var arrayFilters: [Document]?
    public var writeConcern: WriteConcern?

    public init(sort: Document? = nil, update: Document? = nil, remove: Bool = false, upsert: Bool = false,
                returnNew: Bool = false, projection: Document? = nil, arrayFilters: [Document]? = nil,
                writeConcern: WriteConcern? = nil) {
        self.sort = sort
        self.update = update
        self.remove = remove
        self.upsert = upsert
        self.returnNew = returnNew
        self.projection = projection
        self.arrayFilters = arrayFilters
        self.writeConcern = writeConcern
    }
}
