import BSON
import CMongoC

/// `mongoc_collection_update_one`, `update_many` and `replace_one`.
struct UpdateDocuments: MongoOperation {
    enum Kind: Sendable { case one, many, replaceOne }

    let kind: Kind
    let filter: Document
    let update: Document
    let namespace: Namespace
    let options: UpdateOptions

    func run(on client: OpaquePointer) throws(MongoError) -> UpdateResult {
        let options = options.document
        return try namespace.withCollection(on: client) { collection throws(MongoError) in
            let reply = ReplyStorage()
            var error = bson_error_t()
            let ok = filter.withBSONPointer { filter in
                update.withBSONPointer { update in
                    options.withBSONPointer { options in
                        switch kind {
                        case .one: mongoc_collection_update_one(collection, filter, update, options, reply.pointer, &error)
                        case .many: mongoc_collection_update_many(collection, filter, update, options, reply.pointer, &error)
                        case .replaceOne: mongoc_collection_replace_one(collection, filter, update, options, reply.pointer, &error)
                        }
                    }
                }
            }
            guard ok else { throw MongoError(error, reply: reply.take()) }
            return UpdateResult(reply: reply.take())
        }
    }
}

/// The options of an update: upsert, array filters for `$[<id>]`, write concern.
public struct UpdateOptions: Sendable {
    public var upsert: Bool
    public var arrayFilters: [Document]?
    public var writeConcern: WriteConcern?

    public init(upsert: Bool = false, arrayFilters: [Document]? = nil, writeConcern: WriteConcern? = nil) {
        self.upsert = upsert
        self.arrayFilters = arrayFilters
        self.writeConcern = writeConcern
    }

    var document: Document? {
        var options = Document()
        if upsert { options.append("upsert", true) }
        if let arrayFilters { options.append("arrayFilters", .array(arrayFilters.map(BSONValue.document))) }
        if let writeConcern { options.append("writeConcern", .document(writeConcern.document)) }
        return options.isEmpty ? nil : options
    }
}

/// What an update did, as libmongoc summarises the server's reply.
public struct UpdateResult: Sendable {
    public let reply: Document

    public var matchedCount: Int { Int(reply["matchedCount"]?.integerValue ?? 0) }
    public var modifiedCount: Int { Int(reply["modifiedCount"]?.integerValue ?? 0) }
    /// The `_id` of the document an upsert inserted; nil when it updated one or did nothing.
    public var upsertedID: BSONValue? { reply["upsertedId"] }
}
