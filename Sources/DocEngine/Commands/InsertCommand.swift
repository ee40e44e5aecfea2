import BSON
import EngineQuery

/// `insert`: documents from the body's array and/or a `documents` kind-1 sequence. Each document gets
/// its own savepoint, so one failure (a duplicate key) undoes only that document; ordered inserts stop
/// there, unordered ones go on. The whole command commits in one group transaction.
enum InsertCommand {
    static let maxDocumentSize = Document.maximumSize

    @Sendable static func run(_ context: CommandContext) async throws -> Document {
        let batch = try WriteBatch(context, field: "documents")
        let prepared = batch.statements.map(prepare)
        // Text entries are derived here, in parallel on the connection's thread, not on the single writer.
        let catalog = context.engine.store.catalog.current
        let textKeys = prepared.map { (try? $0.get()).flatMap { TextKeysAhead(for: $0, in: batch.namespace, catalog: catalog) } }
        return try await context.engine.store.write { writer in
            var inserted = 0
            let writeErrors = try batch.run(prepared, in: writer) { document, position in
                try writer.insert(document, into: batch.namespace, textKeys: textKeys[position])
                inserted += 1
            }
            return WriteReply.make(n: inserted, writeErrors: writeErrors)
        }
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
