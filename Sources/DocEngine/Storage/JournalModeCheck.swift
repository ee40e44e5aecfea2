/// `PRAGMA journal_mode=WAL` does not fail when WAL is impossible (an in-memory database, a filesystem
/// without shared memory or locking); it quietly keeps the old mode and answers with it. So the mode is
/// read back, and the store refuses to open in anything but WAL.
enum JournalModeCheck {
    static func requireWAL(_ connection: SQLiteConnection) throws {
        let statement = try connection.statement("PRAGMA journal_mode")
        defer { statement.reset() }
        let mode = try statement.step() ? statement.text(0) : ""
        try check(mode)
    }

    static func check(_ mode: String) throws(StoreOpenError) {
        guard mode.lowercased() == "wal" else { throw .journalModeNotWAL(actual: mode) }
    }
}
