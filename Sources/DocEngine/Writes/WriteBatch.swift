import BSON
import EngineQuery

/// What `insert`, `update` and `delete` share: the collection, the write concern check, `ordered`, the
/// statements (from the body's array and/or a kind-1 document sequence of the same name, as drivers send
/// them, within MongoDB's batch size bounds), and running them one savepoint each, so a failing
/// statement undoes only itself and is reported in `writeErrors` at its index.
struct WriteBatch: Sendable {
    let namespace: CollectionNamespace
    let ordered: Bool
    let statements: [Document]

    init(_ context: CommandContext, field: String) throws(EngineError) {
        namespace = try context.collectionNamespace()
        try NamespaceRules.validate(namespace)
        let fields = context.fields
        try WriteConcernCheck.validate(fields)
        ordered = try fields.bool("ordered") ?? true
        var statements = context.sequences[field] ?? []
        for (position, item) in (try fields.array(field) ?? []).enumerated() {
            guard case .document(let statement) = item else {
                throw EngineError(.typeMismatch,
                    "BSON field '\(context.name).\(field).\(position)' is the wrong type '\(item.typeName)', expected type 'object'")
            }
            statements.append(statement)
        }
        guard (1...Int(HelloCommand.maxWriteBatchSize)).contains(statements.count) else {
            throw EngineError(.invalidLength, "Write batch sizes must be between 1 and 100000. Got \(statements.count) operations.")
        }
        self.statements = statements
    }

    /// Runs `body` for each parsed statement in its own savepoint, stopping at the first failure when
    /// ordered; returns the `writeErrors` entries. A failure that is not the statement's own (storage)
    /// fails the whole command.
    func run<Statement>(
        _ parsed: [Result<Statement, EngineError>], in writer: WriteContext, _ body: (Statement, Int) throws -> Void
    ) throws -> [Document] {
        var writeErrors: [Document] = []
        for (index, statement) in parsed.enumerated() {
            do {
                let statement = try statement.get()
                try writer.savepoint { try body(statement, index) }
            } catch {
                guard let entry = Self.writeError(for: error, at: index) else { throw error }
                writeErrors.append(entry)
                if ordered { break }
            }
        }
        return writeErrors
    }

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
