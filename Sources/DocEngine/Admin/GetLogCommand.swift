import BSON
import EngineQuery

/// `getLog`: the engine logs through swift-log, not into mongod's in-memory ring buffers, so both logs
/// it names are empty; there are no startup warnings to report.
enum GetLogCommand {
    static let logs = ["global", "startupWarnings"]

    @Sendable static func run(_ context: CommandContext) async throws -> Document {
        guard case .string(let name)? = context.body[context.name] else {
            throw EngineError(.typeMismatch, "Argument to getLog must be of type String; found \(context.body[context.name]?.typeName ?? "missing")")
        }
        if name == "*" { return ["names": .array(logs.map(BSONValue.string)), "ok": 1.0] }
        guard logs.contains(name) else { throw EngineError(.badValue, "No log named '\(name)'") }
        return ["totalLinesWritten": 0, "log": [], "ok": 1.0]
    }
}
