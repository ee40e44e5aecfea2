import BSON

/// `listCommands`: every command in the registry, with mongod's per-command fields. The engine has no
/// authentication, so no command requires it; every command runs on this standalone server.
enum ListCommandsCommand {
    static let help: [String: String] = [
        "aggregate": "Runs an aggregation pipeline over a collection.",
        "buildInfo": "Returns the server's version and build details.",
        "collStats": "Returns storage statistics for a collection.",
        "connectionStatus": "Returns the users authenticated on this connection.",
        "count": "Counts the documents matching a query.",
        "create": "Creates a collection.",
        "createIndexes": "Creates indexes on a collection.",
        "currentOp": "Lists the operations in progress.",
        "dbStats": "Returns storage statistics for a database.",
        "drop": "Drops a collection.",
        "dropDatabase": "Drops every collection of a database.",
        "dropIndexes": "Drops indexes from a collection.",
        "find": "Queries a collection.",
        "getCmdLineOpts": "Returns the options the server was started with.",
        "getLog": "Returns recent log lines (the engine keeps none).",
        "getMore": "Returns the next batch of a cursor.",
        "getParameter": "Returns server parameters.",
        "hello": "Describes this server to a client.",
        "hostInfo": "Returns details of the host the server runs on.",
        "insert": "Inserts documents.",
        "killCursors": "Closes cursors.",
        "killOp": "Asks an operation to stop.",
        "listCollections": "Lists the collections of a database.",
        "listCommands": "Lists every command the server knows.",
        "listDatabases": "Lists the databases.",
        "listIndexes": "Lists the indexes of a collection.",
        "ping": "Answers ok.",
        "renameCollection": "Renames a collection.",
        "serverStatus": "Returns the server's state and counters.",
        "validate": "Checks a collection's documents and indexes for consistency.",
        "whatsmyuri": "Returns the client's address as the server sees it.",
        // Aliases and commands other parts of the engine register.
        "buildinfo": "Returns the server's version and build details.",
        "collstats": "Returns storage statistics for a collection.",
        "dbstats": "Returns storage statistics for a database.",
        "deleteIndexes": "Drops indexes from a collection.",
        "delete": "Deletes documents.",
        "distinct": "Returns the distinct values of a field.",
        "endSessions": "Ends logical sessions.",
        "explain": "Describes how a command would run.",
        "findAndModify": "Updates or removes one document and returns it.",
        "isMaster": "Describes this server to a client (legacy name of hello).",
        "ismaster": "Describes this server to a client (legacy name of hello).",
        "update": "Updates documents.",
    ]

    /// Commands that write; mongod refuses them on a secondary.
    static let writes: Set<String> = [
        "insert", "update", "delete", "findAndModify", "create", "drop", "dropDatabase", "createIndexes",
        "dropIndexes", "deleteIndexes", "renameCollection",
    ]

    @Sendable static func run(_ context: CommandContext) async throws -> Document {
        var commands = Document()
        for name in CommandRegistry.handlers.keys.sorted() {
            commands.append(name, [
                "help": .string(help[name] ?? "no help defined"),
                "requiresAuth": false,
                "secondaryOk": .bool(!writes.contains(name)),
                "adminOnly": .bool(AdminOnly.commands.contains(name)),
                "apiVersions": [],
                "deprecatedApiVersions": [],
            ])
        }
        return ["commands": .document(commands), "ok": 1.0]
    }
}
