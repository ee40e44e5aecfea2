import BSON
import EngineQuery
import Foundation

/// `update`: each statement updates its first match or, with `multi`, every match, or upserts; each in
/// its own savepoint, ordered batches stopping at the first failure. One group commit makes the batch
/// durable before the reply reports `n` (matched plus upserted), `nModified` and `upserted`.
enum UpdateCommand {
    @Sendable static func run(_ context: CommandContext) async throws -> Document {
        let namespace = try context.collectionNamespace()
        try NamespaceRules.validate(namespace)
        let fields = context.fields
        try WriteConcernCheck.validate(fields)
        let ordered = try fields.bool("ordered") ?? true
        let variables = try LetVariables(context.body["let"])
        let documents = try WriteStatements.collect(context, field: "updates")
        for document in documents { try UpdateStatement.checkFields(document) }
        let statements = documents.map { document in
            Result { () throws(EngineError) in try UpdateStatement(document, variables: variables) }
        }
        let now = Int64((Date().timeIntervalSince1970 * 1000).rounded(.down))
        return try await context.engine.store.write { writer in
            var n = 0
            var nModified = 0
            var upserted: [Document] = []
            var writeErrors: [Document] = []
            for (index, statement) in statements.enumerated() {
                do {
                    let parsed = try statement.get()
                    let outcome = try writer.savepoint { try parsed.run(in: writer, namespace: namespace, now: now) }
                    n += outcome.matched
                    nModified += outcome.modified
                    if let id = outcome.upsertedID {
                        n += 1
                        upserted.append(["index": .int32(Int32(index)), "_id": id])
                    }
                } catch {
                    guard let entry = WriteStatements.writeError(for: error, at: index) else { throw error }
                    writeErrors.append(entry)
                    if ordered { break }
                }
            }
            return WriteReply.make(n: n, nModified: nModified, upserted: upserted, writeErrors: writeErrors)
        }
    }
}
