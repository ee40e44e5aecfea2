import CSQLite

extension SQLiteConnection {
    /// True when no transaction is open. Inside the writer's batch this means SQLite itself rolled the
    /// whole transaction back (SQLITE_FULL, SQLITE_IOERR, SQLITE_NOMEM can do that mid-statement).
    var isAutocommit: Bool { sqlite3_get_autocommit(handle) != 0 }
}
