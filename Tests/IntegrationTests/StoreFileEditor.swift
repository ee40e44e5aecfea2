import CSQLite

/// Direct SQLite access to a stopped msgsvc's store file, to damage it the way a bug or a disk would.
struct StoreFileEditor {
    let path: String

    /// Runs `sql` (statements with no result) on the file.
    func execute(_ sql: String) throws {
        try withDatabase { db in
            var message: UnsafeMutablePointer<CChar>?
            let rc = sqlite3_exec(db, sql, nil, nil, &message)
            defer { sqlite3_free(message) }
            guard rc == SQLITE_OK else { throw StoreFileEditorError.failed(sql, message.map { String(cString: $0) } ?? "\(rc)") }
        }
    }

    /// The first column of the first row of `sql`, as an integer.
    func integer(_ sql: String) throws -> Int64? {
        try withDatabase { db in
            var statement: OpaquePointer?
            guard sqlite3_prepare_v2(db, sql, -1, &statement, nil) == SQLITE_OK else {
                throw StoreFileEditorError.failed(sql, String(cString: sqlite3_errmsg(db)))
            }
            defer { sqlite3_finalize(statement) }
            return sqlite3_step(statement) == SQLITE_ROW ? sqlite3_column_int64(statement, 0) : nil
        }
    }

    private func withDatabase<T>(_ body: (OpaquePointer) throws -> T) throws -> T {
        var db: OpaquePointer?
        guard sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, nil) == SQLITE_OK, let db else {
            sqlite3_close(db)
            throw StoreFileEditorError.failed("open", path)
        }
        defer { sqlite3_close(db) }
        return try body(db)
    }
}

enum StoreFileEditorError: Error {
    case failed(String, String)
}
