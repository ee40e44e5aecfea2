import CSQLite

/// Lets a connection commit only while its owner says so. The writer opens it around its own COMMIT and
/// nowhere else, so once SQLite has dropped the group transaction, a job that carries on writing cannot
/// commit behind the writer's back: its SAVEPOINT/RELEASE or lone INSERT would otherwise start and commit
/// a transaction of its own, stored while its caller is told it failed. SQLite turns a vetoed commit into
/// a rollback and the statement fails (SQLITE_CONSTRAINT_COMMITHOOK). Used by one thread only.
final class CommitGuard {
    private var isOpen = false

    /// Installs the guard on `connection`, which must not outlive it.
    init(on connection: SQLiteConnection) {
        sqlite3_commit_hook(connection.handle, { context in
            guard let context else { return 0 }
            // Nonzero vetoes the commit.
            return Unmanaged<CommitGuard>.fromOpaque(context).takeUnretainedValue().isOpen ? 0 : 1
        }, Unmanaged.passUnretained(self).toOpaque())
    }

    /// Runs `body` (the writer's COMMIT) with commits allowed.
    func allowingCommit<T>(_ body: () throws -> T) rethrows -> T {
        isOpen = true
        defer { isOpen = false }
        return try body()
    }
}
