import BSON
import EngineQuery

/// `delete`: each statement removes its first match (`limit: 1`) or all of them (`limit: 0`) in its own
/// savepoint; ordered batches stop at the first failing statement. The batch commits in one group
/// transaction, so every document it reports as deleted is gone from disk before the reply.
enum DeleteCommand {
    @Sendable static func run(_ context: CommandContext) async throws -> Document {
        let namespace = try context.collectionNamespace()
        try NamespaceRules.validate(namespace)
        let fields = context.fields
        try WriteConcernCheck.validate(fields)
        let ordered = try fields.bool("ordered") ?? true
        let variables = try LetVariables(context.body["let"])
        let documents = try WriteStatements.collect(context, field: "deletes")
        for document in documents { try DeleteStatement.checkFields(document) }
        let statements = documents.map { document in
            Result { () throws(EngineError) in try DeleteStatement(document, variables: variables) }
        }
        let (n, writeErrors) = try await context.engine.store.write { writer in
            var n = 0
            var writeErrors: [Document] = []
            for (index, statement) in statements.enumerated() {
                do {
                    let parsed = try statement.get()
                    n += try writer.savepoint { try parsed.run(in: writer, namespace: namespace) }
                } catch {
                    guard let entry = WriteStatements.writeError(for: error, at: index) else { throw error }
                    writeErrors.append(entry)
                    if ordered { break }
                }
            }
            return (n, writeErrors)
        }
        return WriteReply.make(n: n, writeErrors: writeErrors)
    }
}
