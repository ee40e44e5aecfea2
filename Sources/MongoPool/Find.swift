import BSON
import CMongoC

/// `mongoc_collection_find_with_opts`, with the cursor drained before the connection goes back to the
/// pool: a cursor left open would pin a connection across operations.
struct Find: MongoOperation {
    let filter: Document
    let namespace: Namespace
    let options: FindOptions

    func run(on client: OpaquePointer) throws(MongoError) -> [Document] {
        let options = options.document
        return try namespace.withCollection(on: client) { collection throws(MongoError) in
            // Never NULL: libmongoc reports a bad filter or option through the cursor's error.
            let cursor = filter.withBSONPointer { filter in
                options.withBSONPointer { options in
                    mongoc_collection_find_with_opts(collection, filter, options, nil)!
                }
            }
            defer { mongoc_cursor_destroy(cursor) }
            var documents: [Document] = []
            var current: OpaquePointer?
            while mongoc_cursor_next(cursor, &current) {
                if let current { documents.append(Document(copying: current)) }
            }
            var error = bson_error_t()
            var reply: OpaquePointer?
            // The reply, when there is one, belongs to the cursor: copied before the cursor goes.
            if mongoc_cursor_error_document(cursor, &error, &reply) {
                throw MongoError(error, reply: reply.map { Document(copying: $0) })
            }
            return documents
        }
    }
}
