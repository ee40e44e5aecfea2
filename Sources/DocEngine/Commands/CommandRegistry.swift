import BSON

/// Every command the engine answers, by the exact name drivers send (with the lowercase aliases).
enum CommandRegistry {
    typealias Handler = @Sendable (CommandContext) async throws -> Document

    static let handlers: [String: Handler] = [
        "hello": HelloCommand.run,
        "isMaster": HelloCommand.run,
        "ismaster": HelloCommand.run,
        "ping": { _ in ["ok": 1.0] },
        "buildInfo": BuildInfoCommand.run,
        "buildinfo": BuildInfoCommand.run,
        "endSessions": { _ in ["ok": 1.0] },
        "listDatabases": ListDatabasesCommand.run,
        "listCollections": ListCollectionsCommand.run,
        "create": CreateCommand.run,
        "drop": DropCommand.run,
        "dropDatabase": DropDatabaseCommand.run,
        "insert": InsertCommand.run,
        "find": FindCommand.run,
        "getMore": GetMoreCommand.run,
        "killCursors": KillCursorsCommand.run,
        "count": CountCommand.run,
        "aggregate": AggregateCommand.run,
        "createIndexes": CreateIndexesCommand.run,
        "listIndexes": ListIndexesCommand.run,
        "dropIndexes": DropIndexesCommand.run,
        "deleteIndexes": DropIndexesCommand.run,
        "explain": ExplainCommand.run,
        "delete": DeleteCommand.run,
        "update": UpdateCommand.run,
        "findAndModify": FindAndModifyCommand.run,
        "findandmodify": FindAndModifyCommand.run,
        "distinct": DistinctCommand.run,
        // Administration and diagnostics (Sources/DocEngine/Admin).
        "getCmdLineOpts": GetCmdLineOptsCommand.run,
        "getParameter": GetParameterCommand.run,
        "serverStatus": ServerStatusCommand.run,
        "hostInfo": HostInfoCommand.run,
        "connectionStatus": ConnectionStatusCommand.run,
        "listCommands": ListCommandsCommand.run,
        "whatsmyuri": WhatsMyURICommand.run,
        "getLog": GetLogCommand.run,
        "dbStats": DBStatsCommand.run,
        "dbstats": DBStatsCommand.run,
        "collStats": CollStatsCommand.run,
        "collstats": CollStatsCommand.run,
        "renameCollection": RenameCollectionCommand.run,
        "killOp": KillOpCommand.run,
        "currentOp": CurrentOpCommand.run,
        "validate": ValidateCommand.run,
    ]
}
