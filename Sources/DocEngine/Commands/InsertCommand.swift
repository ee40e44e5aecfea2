import BSON
import EngineQuery

/// `insert`: documents from the body's array and/or a `documents` kind-1 sequence. Each document gets
/// its own savepoint, so one failure (a duplicate key) undoes only that document; ordered inserts stop
/// there, unordered ones go on. The whole command commits in one group transaction.
enum InsertCommand {
    static let maxDocumentSize = Document.maximumSize

    @Sendable static func run(_ context: CommandContext) async throws -> Document {
        let namespace = try context.collectionNamespace()
        try NamespaceRules.validate(namespace)
        let fields = context.fields
        try WriteConcernCheck.validate(fields)
        let ordered = try fields.bool("ordered") ?? true

        var documents = context.sequences["documents"] ?? []
        for item in try fields.array("documents") ?? [] {
            guard case .document(let document) = item else {
                throw EngineError(.typeMismatch, 
                    "BSON field 'insert.documents.0' is the wrong type '\(item.typeName)', expected type 'object'")
            }
            documents.append(document)
        }
        guard (1...Int(HelloCommand.maxWriteBatchSize)).contains(documents.count) else {
            throw EngineError(.invalidLength, "Write batch sizes must be between 1 and 100000. Got \(documents.count) operations.")
        }

        let prepared = documents.map(prepare)
        let (inserted, writeErrors) = try await context.engine.store.write { writer in
            var inserted = 0
            var writeErrors: [Document] = []
            for (index, item) in prepared.enumerated() {
                do {
                    let document = try item.get()
                    try writer.savepoint { try writer.insert(document, into: namespace) }
                    inserted += 1
                } catch let error as DuplicateKeyError {
                    writeErrors.append(error.writeError(at: index))
                    if ordered { break }
                } catch let error as EngineError {
                    writeErrors.append(["index": .int32(Int32(index)), "code": .int32(error.code),
                                        "errmsg": .string(error.message)])
                    if ordered { break }
                }
            }
            return (inserted, writeErrors)
        }
        var reply: Document = ["n": .int32(Int32(inserted))]
        if !writeErrors.isEmpty { reply.append("writeErrors", .array(writeErrors.map(BSONValue.document))) }
        reply.append("ok", 1.0)
        return reply
    }

    /// Adds an `_id` (first, as MongoDB does) when missing and checks what the server refuses per document.
    static func prepare(_ document: Document) -> Result<Document, EngineError> {
        var document = document
        switch document["_id"] {
        case nil:
            document = Document([("_id", .objectId(ObjectId()))] + document.elements.map { ($0.key, $0.value) })
        case .array?:
            return .failure(EngineError(.badValue, "can't use an array for _id"))
        case .regex?:
            return .failure(EngineError(.badValue, "can't use a regex for _id"))
        case .undefined?:
            return .failure(EngineError(.badValue, "can't use a undefined for _id"))
        case .document(let id)? where id.keys.contains(where: { $0.hasPrefix("$") }):
            // {_id: {$a: 1}} would read back as an operator wherever the _id is used as a query value.
            let key = id.keys.first { $0.hasPrefix("$") } ?? "$"
            return .failure(EngineError(.invalidIdField, "_id fields may not contain '$'-prefixed fields: \(key) is not valid for storage."))
        default:
            break
        }
        guard document.byteCount <= maxDocumentSize else {
            return .failure(EngineError(.bsonObjectTooLarge, 
                "object to insert too large. size in bytes: \(document.byteCount), max size: \(maxDocumentSize)"))
        }
        return .success(document)
    }
}
