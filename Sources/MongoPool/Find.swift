import BSON
import CMongoC

/// `mongoc_collection_find_with_opts`, with the cursor drained before the connection goes back to the
/// pool: a cursor left open would pin a connection across operations.
struct Find: MongoOperation {
    let filter: Document
    let namespace: Namespace
    let options: FindOptions

    func run(on client: OpaquePointer) throws(MongoError) -> [Document] {
        var documents: [Document] = []
        try Self.forEachDocument(filter: filter, options: options, in: namespace, on: client) { current in
            documents.append(Document(copying: current))
            return true
        }
        return documents
    }

    /// Runs the find and lends each document to `body` while the cursor holds it (the pointer is only
    /// valid until the next call). Stops early, destroying the cursor, when `body` returns false.
    static func forEachDocument(
        filter: Document, options: FindOptions, in namespace: Namespace, on client: OpaquePointer,
        _ body: (OpaquePointer) -> Bool
    ) throws(MongoError) {
        let options = options.document
        try namespace.withCollection(on: client) { collection throws(MongoError) in
            // Never NULL: libmongoc reports a bad filter or option through the cursor's error.
            let cursor = filter.withBSONPointer { filter in
                options.withBSONPointer { options in
                    mongoc_collection_find_with_opts(collection, filter, options, nil)!
                }
            }
            defer { mongoc_cursor_destroy(cursor) }
            var current: OpaquePointer?
            while mongoc_cursor_next(cursor, &current) {
                if let current, !body(current) { return }
            }
            var error = bson_error_t()
            var reply: OpaquePointer?
            // The reply, when there is one, belongs to the cursor: copied before the cursor goes.
            if mongoc_cursor_error_document(cursor, &error, &reply) {
                throw MongoError(error, reply: reply.map { Document(copying: $0) })
            }
        }
    }
}

/// A find that turns each document into an `Element` while the cursor still holds it, on the pool
/// thread, so no document is copied. The first error `decode` throws ends the find and is returned.
struct FindDecoding<Element: Sendable>: MongoOperation {
    let filter: Document
    let namespace: Namespace
    let options: FindOptions
    let decode: @Sendable (BSONView) throws -> Element

    func run(on client: OpaquePointer) throws(MongoError) -> Result<[Element], any Error> {
        var elements: [Element] = []
        if let limit = options.limit, limit > 0 { elements.reserveCapacity(min(limit, 1024)) }
        var failure: (any Error)?
        try Find.forEachDocument(filter: filter, options: options, in: namespace, on: client) { current in
            do {
                elements.append(try decode(BSONView(borrowing: current)))
                return true
            } catch {
                failure = error
                return false
            }
        }
        if let failure { return .failure(failure) }
        return .success(elements)
    }
}
