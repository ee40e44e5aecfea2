import BSON
import EngineQuery
import Foundation

/// `update`: each statement updates its first match or, with `multi`, every match, or upserts; each in
/// its own savepoint, ordered batches stopping at the first failure. One group commit makes the batch
/// durable before the reply reports `n` (matched plus upserted), `nModified` and `upserted`.
enum UpdateCommand {
    @Sendable static func run(_ context: CommandContext) async throws -> Document {
        let batch = try WriteBatch(context, field: "updates")
        let variables = try LetVariables(context.body["let"])
        for statement in batch.statements { try UpdateStatement.checkFields(statement) }
        let parsed = batch.statements.map { document in
            Result { () throws(EngineError) in try UpdateStatement(document, variables: variables) }
        }
        let now = Int64((Date().timeIntervalSince1970 * 1000).rounded(.down))
        return try await context.engine.store.write { writer in
            var n = 0
            var nModified = 0
            var upserted: [Document] = []
            let writeErrors = try batch.run(parsed, in: writer) { statement, index in
                let outcome = try statement.run(in: writer, namespace: batch.namespace, now: now)
                n += outcome.matched
                nModified += outcome.modified
                if let id = outcome.upsertedID {
                    n += 1
                    upserted.append(["index": .int32(Int32(index)), "_id": id])
                }
            }
            return WriteReply.make(n: n, nModified: nModified, upserted: upserted, writeErrors: writeErrors)
        }
    }
}
