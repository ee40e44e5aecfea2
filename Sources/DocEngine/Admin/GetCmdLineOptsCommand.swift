import BSON

/// `getCmdLineOpts`: the process's arguments and the options they set, in mongod's shape.
enum GetCmdLineOptsCommand {
    @Sendable static func run(_ context: CommandContext) async throws -> Document {
        let launch = context.engine.launch
        return ["argv": .array(launch.arguments.map(BSONValue.string)), "parsed": .document(launch.parsed), "ok": 1.0]
    }
}
