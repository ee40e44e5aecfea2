import BSON
import EngineQuery

/// `currentOp`: the commands being answered right now (this one included, as mongod lists itself).
/// A filter, as in `{currentOp: 1, active: true}`, is matched against each operation's document.
enum CurrentOpCommand {
    static let options: Set<String> = ["currentOp", "$all", "$ownOps", "$truncateOps"]

    @Sendable static func run(_ context: CommandContext) async throws -> Document {
        let filterFields = context.body.elements.filter { !options.contains($0.key) && !GenericArguments.names.contains($0.key) }
        let filter = try Filter(Document(filterFields.map { ($0.key, $0.value) }))
        let now = ContinuousClock.now
        let operations = context.engine.activity.operations.map { $0.document(now: now) }.filter { filter.matches($0) }
        return ["inprog": .array(operations.map(BSONValue.document)), "ok": 1.0]
    }
}

/// `killOp`: the engine's commands are not interruptible, so an operation that is still running finishes;
/// the reply says "attempting", as mongod's does, since mongod's kill is just as best-effort.
enum KillOpCommand {
    @Sendable static func run(_ context: CommandContext) async throws -> Document {
        guard let op = context.body["op"] else {
            throw EngineError(.missingRequiredField, "BSON field 'killOp.op' is missing but a required field")
        }
        guard op.isNumber else {
            throw EngineError(.typeMismatch, "BSON field 'killOp.op' is the wrong type '\(op.typeName)', expected types '[long, int, double]'")
        }
        return ["info": "attempting to kill op", "ok": 1.0]
    }
}
