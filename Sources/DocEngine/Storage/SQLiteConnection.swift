import CSQLite
import Foundation

/// One SQLite connection. Not thread-safe by itself: each connection is used by one thread at a time
/// (the writer thread, or one reader lent out by `ReaderPool`).
final class SQLiteConnection: @unchecked Sendable {
    let handle: OpaquePointer
    private var statementCache: [StatementKey: SQLiteStatement] = [:]
    static let maxCachedStatements = 128

    /// `vfs` names a registered SQLite VFS (tests inject faults through one); nil is the default.
    init(path: String, readOnly: Bool, vfs: String? = nil) throws(SQLiteError) {
        var db: OpaquePointer?
        let flags = (readOnly ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE))
            | SQLITE_OPEN_NOMUTEX
        let rc = sqlite3_open_v2(path, &db, flags, vfs)
        guard rc == SQLITE_OK, let db else {
            let message = db.map { String(cString: sqlite3_errmsg($0)) } ?? "cannot open"
            sqlite3_close_v2(db)
            throw SQLiteError(code: rc, message: message, context: "open \(path)")
        }
        handle = db
        // Readers and the writer share the file; a short busy wait covers checkpoints.
        sqlite3_busy_timeout(db, 10_000)
    }

    deinit {
        statementCache.removeAll()
        sqlite3_close_v2(handle)
    }

    func execute(_ sql: String) throws(SQLiteError) {
        var errorMessage: UnsafeMutablePointer<CChar>?
        let rc = sqlite3_exec(handle, sql, nil, nil, &errorMessage)
        if rc != SQLITE_OK {
            let message = errorMessage.map { String(cString: $0) } ?? lastErrorMessage
            sqlite3_free(errorMessage)
            throw SQLiteError(code: rc, message: message, context: sql)
        }
    }

    /// A prepared statement, cached per SQL text; reset and unbound before it is handed out.
    func statement(_ sql: String) throws(SQLiteError) -> SQLiteStatement {
        try statement(.text(sql), sql: sql)
    }

    /// A prepared statement cached under `key`; `sql` is only evaluated to prepare it the first time.
    func statement(_ key: StatementKey, sql: @autoclosure () -> String) throws(SQLiteError) -> SQLiteStatement {
        if let cached = statementCache[key] {
            cached.reset()
            return cached
        }
        let text = sql()
        var stmt: OpaquePointer?
        let rc = sqlite3_prepare_v3(handle, text, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &stmt, nil)
        guard rc == SQLITE_OK, let stmt else {
            throw SQLiteError(code: rc, message: lastErrorMessage, context: text)
        }
        let statement = SQLiteStatement(stmt, sql: text, connection: self)
        // Every collection and index is its own table, so the set of statements grows with every one ever
        // created (dropped ones included). Bound it: re-preparing is cheap, unbounded memory is not. A
        // statement a caller still holds stays valid and is finalized when the caller lets go of it.
        if statementCache.count >= Self.maxCachedStatements { statementCache.removeAll() }
        statementCache[key] = statement
        return statement
    }

    /// Resets every cached statement. A statement left mid-scan keeps its read transaction (and its old
    /// snapshot) open and blocks DROP TABLE on this connection, so this runs before every COMMIT and DDL.
    func resetAllStatements() {
        for statement in statementCache.values { statement.reset() }
    }

    /// Drops cached statements (after schema changes such as dropping a table).
    func clearStatementCache() { statementCache.removeAll() }

    var lastErrorMessage: String { String(cString: sqlite3_errmsg(handle)) }


    var lastInsertRowID: Int64 { sqlite3_last_insert_rowid(handle) }

    func error(_ rc: Int32, _ context: String) -> SQLiteError {
        SQLiteError(code: rc, message: lastErrorMessage, context: context)
    }
}
