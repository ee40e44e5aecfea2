import BSON
import EngineQuery

/// A unique index already holds the key of a document being written. Carries what MongoDB reports:
/// the index, its key pattern and the offending key value.
struct DuplicateKeyError: Error {
    let namespace: CollectionNamespace
    let indexName: String
    let keyPattern: Document
    let keyValue: Document

    init(namespace: CollectionNamespace, index: IndexDescriptor, document: Document) {
        self.namespace = namespace
        self.indexName = index.name
        self.keyPattern = index.pattern.document
        self.keyValue = Document(index.pattern.fields.map { ($0.path, document.value(atPath: $0.path) ?? .null) })
    }

    /// MongoDB's message shape: `E11000 duplicate key error collection: db.c index: name dup key: { f: "v" }`.
    var message: String {
        "E11000 duplicate key error collection: \(namespace) index: \(indexName) dup key: \(ShellFormat.render(keyValue))"
    }

    var engineError: EngineError { EngineError(.duplicateKey, message) }

    /// The error reply of a command that failed on it (findAndModify): MongoDB adds the index's key
    /// pattern and the offending value, which drivers expose on the error.
    var commandReply: Document {
        var reply = engineError.asReply()
        reply.append("keyPattern", .document(keyPattern))
        reply.append("keyValue", .document(keyValue))
        return reply
    }

    /// The `writeErrors` entry for the document at `index` of an insert.
    func writeError(at index: Int) -> Document {
        ["index": .int32(Int32(index)), "code": 11000, "keyPattern": .document(keyPattern),
         "keyValue": .document(keyValue), "errmsg": .string(message)]
    }
}
