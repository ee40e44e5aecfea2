import BSON
import CMongoC

/// `mongoc_collection_insert_many`: one batch of documents, ordered (stop at the first failure) or not.
struct InsertMany: MongoOperation {
    let documents: [Document]
    let namespace: Namespace
    let ordered: Bool
    let writeConcern: WriteConcern?

    func run(on client: OpaquePointer) throws(MongoError) -> InsertResult {
        let prepared = documents.map { $0.withID() }
        var options = Document([("ordered", .bool(ordered))])
        if let writeConcern { options.append("writeConcern", .document(writeConcern.document)) }
        return try namespace.withCollection(on: client) { collection throws(MongoError) in
            let reply = ReplyStorage()
            var error = bson_error_t()
            // The array of pointers is only valid while `prepared` keeps each document alive.
            let ok = withExtendedLifetime(prepared) {
                var pointers: [OpaquePointer?] = prepared.map { item in item.document.withBSONPointer { $0 } }
                return options.withBSONPointer { options in
                    pointers.withUnsafeMutableBufferPointer { buffer in
                        mongoc_collection_insert_many(
                            collection, buffer.baseAddress, buffer.count, options, reply.pointer, &error)
                    }
                }
            }
            guard ok else { throw MongoError(error, reply: reply.take()) }
            return InsertResult(insertedIDs: prepared.map(\.id), reply: reply.take())
        }
    }
}
