import CSQLite

/// Why the writer answered a write job with failure although the job itself did nothing wrong.
enum WriterError: Error, CustomStringConvertible {
    /// SQLite rolled back the whole group transaction while job `job` (1-based) of `batch` ran. Nothing
    /// of this batch is stored; the later jobs were not run.
    case transactionRolledBack(job: Int, batch: Int, sqliteCode: Int32)
    /// COMMIT failed with an I/O error. The batch may or may not be on disk (the WAL frames can be
    /// written with only the fsync failing); restart and read back to find out. The writer is halted.
    case commitFailed(SQLiteError)
    /// The writer stopped accepting writes after a failed commit (see `commitFailed`); restart to recover.
    case halted(after: SQLiteError)

    /// The failure was the disk filling up: the client should hear "out of space", not "internal error".
    var isOutOfSpace: Bool {
        switch self {
        case .transactionRolledBack(_, _, let code): code & 0xFF == SQLITE_FULL
        case .commitFailed(let cause), .halted(let cause): cause.isFull
        }
    }

    var description: String {
        switch self {
        case .transactionRolledBack(let job, let batch, _):
            "SQLite rolled back the group transaction during write job \(job) of \(batch); nothing in it was stored"
        case .commitFailed(let cause):
            "commit failed with an I/O error (\(cause)); whether this write is on disk is unknown until the engine restarts, and the engine accepts no more writes"
        case .halted(let cause):
            "the storage engine stopped accepting writes after a failed commit (\(cause)); reads still work; restart the engine to recover from its write-ahead log"
        }
    }
}
