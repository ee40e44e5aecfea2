import CSQLite

extension SQLiteConnection {
    /// True when no transaction is open. Inside the writer's batch this means SQLite itself rolled the
    /// whole transaction back (SQLITE_FULL, SQLITE_IOERR, SQLITE_NOMEM can do that mid-statement).
    var isAutocommit: Bool { sqlite3_get_autocommit(handle) != 0 }

    /// The extended result code of the last failed call on this connection.
    var lastErrorCode: Int32 { sqlite3_extended_errcode(handle) }
}

extension SQLiteError {
    /// SQLITE_IOERR and its extended codes (IOERR_FSYNC, IOERR_WRITE, …): the disk, not the SQL, failed.
    var isIOError: Bool { code & 0xFF == SQLITE_IOERR }
}
