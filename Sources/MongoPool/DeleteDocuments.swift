import BSON
import CMongoC

/// `mongoc_collection_delete_one` and `delete_many`.
struct DeleteDocuments: MongoOperation {
    let many: Bool
    let filter: Document
    let namespace: Namespace
    let writeConcern: WriteConcern?

    func run(on client: OpaquePointer) throws(MongoError) -> Int {
        let options = writeConcern.map { Document([("writeConcern", .document($0.document))]) }
        return try namespace.withCollection(on: client) { collection throws(MongoError) in
            let reply = ReplyStorage()
            var error = bson_error_t()
            let ok = filter.withBSONPointer { filter in
                options.withBSONPointer { options in
                    many ? mongoc_collection_delete_many(collection, filter, options, reply.pointer, &error)
                         : mongoc_collection_delete_one(collection, filter, options, reply.pointer, &error)
                }
            }
            let document = reply.take()
            guard ok else { throw MongoError(error, reply: document) }
            return Int(document["deletedCount"]?.integerValue ?? 0)
        }
    }
}
