import BSON
import EngineQuery

/// `delete`: each statement removes its first match (`limit: 1`) or all of them (`limit: 0`) in its own
/// savepoint; ordered batches stop at the first failing statement. The batch commits in one group
/// transaction, so every document it reports as deleted is gone from disk before the reply.
enum DeleteCommand {
    @Sendable static func run(_ context: CommandContext) async throws -> Document {
        let batch = try WriteBatch(context, field: "deletes")
        let variables = try LetVariables(context.body["let"])
        for statement in batch.statements { try DeleteStatement.checkFields(statement) }
        let parsed = batch.statements.map { document in
            Result { () throws(EngineError) in try DeleteStatement(document, variables: variables) }
        }
        return try await context.engine.store.write { writer in
            var n = 0
            let writeErrors = try batch.run(parsed, in: writer) { statement, _ in
                n += try statement.run(in: writer, namespace: batch.namespace)
            }
            return WriteReply.make(n: n, writeErrors: writeErrors)
        }
    }
}
