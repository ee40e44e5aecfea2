import EngineQuery

/// Commands mongod runs only against the `admin` database; elsewhere they fail with Unauthorized (13).
enum AdminOnly {
    static let commands: Set<String> = [
        "listDatabases", "getCmdLineOpts", "getParameter", "getLog", "renameCollection", "killOp", "currentOp",
    ]

    static func check(command: String, database: String) throws(EngineError) {
        guard commands.contains(command), database != "admin" else { return }
        throw EngineError(.unauthorized, "\(command) may only be run against the admin database.")
    }
}
