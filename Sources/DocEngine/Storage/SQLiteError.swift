import CSQLite

/// A failure reported by SQLite, with the statement context it happened in.
public struct SQLiteError: Error, Sendable, CustomStringConvertible {
    public let code: Int32
    public let message: String
    public let context: String

    public var description: String { "SQLite error \(code) (\(message)) during \(context)" }

    /// The disk (or the database's size limit) is full.
    public var isFull: Bool { code & 0xFF == SQLITE_FULL }
}
