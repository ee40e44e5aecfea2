#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why a data directory could not be opened. The engine refuses to start instead of running on a
/// directory where it could corrupt data or lie about durability.
public enum StoreOpenError: Error, Equatable, CustomStringConvertible {
    /// Another process (or another store in this process) has the directory open. Two writers on one
    /// SQLite file would each run group commit with its own catalog and overwrite the other's tables.
    case directoryLocked(directory: String, ownerPID: Int32?)
    /// The lock file could not be created or locked at all.
    case lockFailed(path: String, errno: Int32)
    /// SQLite stayed in another journal mode: readers that never wait for the writer, and one fsync per
    /// group commit, both depend on WAL.
    case journalModeNotWAL(actual: String)

    public var description: String {
        switch self {
        case .directoryLocked(let directory, let pid?):
            "the data directory \(directory) is in use by process \(pid); stop it first"
        case .directoryLocked(let directory, nil):
            "the data directory \(directory) is in use by another process; stop it first"
        case .lockFailed(let path, let code):
            "cannot lock \(path): \(String(cString: strerror(code)))"
        case .journalModeNotWAL(let actual):
            "SQLite cannot use WAL mode here (journal_mode is '\(actual)'); put the data directory on a local filesystem"
        }
    }
}
