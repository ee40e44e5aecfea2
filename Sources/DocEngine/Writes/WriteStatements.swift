import BSON
import EngineQuery

/// The statements of a batched write command (`updates`, `deletes`): from the body's array and/or a
/// kind-1 document sequence of the same name, as drivers send them, with MongoDB's batch size bounds.
enum WriteStatements {
    static func collect(_ context: CommandContext, field: String) throws(EngineError) -> [Document] {
        var statements = context.sequences[field] ?? []
        for (position, item) in (try context.fields.array(field) ?? []).enumerated() {
            guard case .document(let statement) = item else {
                throw EngineError(.typeMismatch,
                    "BSON field '\(context.name).\(field).\(position)' is the wrong type '\(item.typeName)', expected type 'object'")
            }
            statements.append(statement)
        }
        guard (1...Int(HelloCommand.maxWriteBatchSize)).contains(statements.count) else {
            throw EngineError(.invalidLength, "Write batch sizes must be between 1 and 100000. Got \(statements.count) operations.")
        }
        return statements
    }

    /// The `writeErrors` entry for a statement that failed with `error`, or nil when the error is not the
    /// statement's own (a storage failure), which fails the whole command instead.
    static func writeError(for error: Error, at index: Int) -> Document? {
        switch error {
        case let duplicate as DuplicateKeyError:
            return duplicate.writeError(at: index)
        case let engineError as EngineError:
            return ["index": .int32(Int32(index)), "code": .int32(engineError.code), "errmsg": .string(engineError.message)]
        default:
            return nil
        }
    }
}
