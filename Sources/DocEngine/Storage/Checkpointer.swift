import CSQLite
import Foundation
import Logging

/// Copies the WAL back into the database on a thread of its own, so that the writer never stops
/// answering a batch while thousands of pages are copied and the database file is synced.
///
/// SQLite's automatic checkpoint runs inside the COMMIT that crosses its threshold: every caller of that
/// batch waits for it, which is what made POST's p99 six to seven times its p50. Here the writer's WAL
/// hook (called after each commit with the WAL's size in pages) only wakes this thread, which runs a
/// PASSIVE checkpoint on its own connection: it copies what is committed and never blocks the writer or
/// a reader. A WAL only starts over once everything in it has been copied, which a busy writer can keep
/// from happening; so past twice the threshold the writer checkpoints itself, as SQLite would, and
/// copies only what this thread has not yet copied. Meanwhile this thread starts no new pass, or the
/// writer's attempt could keep finding it busy and the WAL would never start over.
final class Checkpointer: @unchecked Sendable {
    /// 4,000 pages (16 MiB at 4 KiB pages): a message dirties some twenty-five pages, most of them again
    /// and again as its room fills, and a checkpoint copies each page once however often it changed.
    static let thresholdPages: Int32 = 4_000

    private let connection: SQLiteConnection
    private let logger: Logger
    private let condition = NSCondition()
    private var requested = false
    /// Set by the writer once the WAL passes twice the threshold: no new pass starts until the writer has
    /// copied the rest itself, or a busy thread could keep the WAL from ever starting over.
    private var paused = false
    private var stopping = false
    private var stopped: CheckedContinuation<Void, Never>?

    /// The checkpoint thread's own connection to `path`, with synchronous=FULL: a checkpoint syncs the
    /// database before the WAL may be reused. Opened apart from `init`, so that a store whose opening
    /// fails later has started no thread yet.
    static func connection(path: String, vfs: String?) throws -> SQLiteConnection {
        let connection = try SQLiteConnection(path: path, readOnly: false, vfs: vfs)
        try connection.execute(Schema.pragmas)
        return connection
    }

    /// Starts the thread on `connection` and installs the hook on `writer`, which must not outlive it.
    init(connection: SQLiteConnection, writer: SQLiteConnection, logger: Logger) {
        self.connection = connection
        self.logger = logger
        sqlite3_wal_hook(writer.handle, { context, db, _, pages in
            guard let context else { return SQLITE_OK }
            Unmanaged<Checkpointer>.fromOpaque(context).takeUnretainedValue().committed(walPages: pages, writer: db)
            return SQLITE_OK
        }, Unmanaged.passUnretained(self).toOpaque())
        let thread = Thread { [self] in run() }
        thread.name = "docengine-checkpoint"
        thread.start()
    }

    /// On the writer thread, after each commit.
    private func committed(walPages: Int32, writer: OpaquePointer?) {
        if walPages >= 2 * Self.thresholdPages {
            // Busy while this thread finishes its pass, which it starts no more of: the WAL grows a little,
            // and the next commit tries again. Once the writer has copied everything, the next transaction
            // starts the WAL over.
            condition.lock()
            paused = true
            condition.unlock()
            let rc = sqlite3_wal_checkpoint_v2(writer, nil, SQLITE_CHECKPOINT_PASSIVE, nil, nil)
            if rc == SQLITE_BUSY { return }
            if rc != SQLITE_OK { logFailure(rc, on: writer) }
            condition.lock()
            paused = false
            condition.signal()
            condition.unlock()
        } else if walPages >= Self.thresholdPages {
            condition.lock()
            requested = true
            condition.signal()
            condition.unlock()
        }
    }

    private func run() {
        while true {
            condition.lock()
            while (!requested || paused) && !stopping { condition.wait() }
            if stopping {
                let waiter = stopped
                condition.unlock()
                waiter?.resume()
                return
            }
            requested = false
            condition.unlock()
            let rc = sqlite3_wal_checkpoint_v2(connection.handle, nil, SQLITE_CHECKPOINT_PASSIVE, nil, nil)
            if rc != SQLITE_OK && rc != SQLITE_BUSY { logFailure(rc, on: connection.handle) }
        }
    }

    private func logFailure(_ rc: Int32, on db: OpaquePointer?) {
        let message = db.map { String(cString: sqlite3_errmsg($0)) } ?? ""
        logger.error("WAL checkpoint failed", metadata: [
            "error": "\(SQLiteError(code: rc, message: message, context: "wal_checkpoint"))"])
    }

    /// Stops the thread after the checkpoint in progress, if any; suspends rather than blocks meanwhile.
    /// Called once, after the writer has stopped committing.
    func stop() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            condition.lock()
            stopping = true
            stopped = continuation
            condition.signal()
            condition.unlock()
        }
    }
}
