import BSON
import CMongoC

/// `mongoc_collection_insert_one`.
struct InsertOne: MongoOperation {
    let document: Document
    let namespace: Namespace
    let writeConcern: WriteConcern?

    func run(on client: OpaquePointer) throws(MongoError) -> InsertResult {
        let (document, id) = document.withID()
        let options = writeConcern.map { Document([("writeConcern", .document($0.document))]) }
        return try namespace.withCollection(on: client) { collection throws(MongoError) in
            let reply = ReplyStorage()
            var error = bson_error_t()
            let ok = document.withBSONPointer { document in
                options.withBSONPointer { options in
                    mongoc_collection_insert_one(collection, document, options, reply.pointer, &error)
                }
            }
            guard ok else { throw MongoError(error, reply: reply.take()) }
            return InsertResult(insertedIDs: [id], reply: reply.take())
        }
    }
}
