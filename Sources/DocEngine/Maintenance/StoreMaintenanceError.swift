import Foundation

/// Why backup, verify or restore could not do their job (as opposed to a store found unhealthy, which
/// `VerificationReport` describes).
public enum StoreMaintenanceError: Error, Sendable, CustomStringConvertible {
    /// There is no store file where one was expected.
    case noStore(path: String)
    /// The file could not be opened as a SQLite database.
    case cannotOpen(path: String, reason: String)
    /// Reading or copying the database failed part-way.
    case sqlite(path: String, reason: String)
    /// A file operation of the copy failed (`operation` is the system call).
    case fileSystem(operation: String, path: String, errno: Int32)
    /// The backup target already exists; an earlier backup is never overwritten.
    case targetExists(path: String)
    /// restore installs only into an empty (or missing) directory.
    case directoryNotEmpty(path: String, entries: [String])
    /// restore refuses a file that is not a healthy store.
    case notAHealthyStore(path: String, report: VerificationReport)
    /// Another process has the target data directory open.
    case directoryLocked(StoreOpenError)

    public var description: String {
        switch self {
        case .noStore(let path):
            "no store at \(path)"
        case .cannotOpen(let path, let reason):
            "cannot open \(path) as a SQLite database: \(reason)"
        case .sqlite(let path, let reason):
            "reading \(path) failed: \(reason)"
        case .fileSystem(let operation, let path, let code):
            "\(operation) \(path) failed: \(String(cString: strerror(code)))"
        case .targetExists(let path):
            "\(path) already exists; backup never overwrites a file"
        case .directoryNotEmpty(let path, let entries):
            "\(path) is not empty (\(entries.prefix(5).joined(separator: ", "))\(entries.count > 5 ? ", …" : "")); restore only into an empty or new directory"
        case .notAHealthyStore(let path, let report):
            "\(path) is not a healthy msgsvc store: "
                + report.problems.prefix(5).map(\.description).joined(separator: "; ")
                + (report.problems.count + report.unlistedProblems > 5 ? "; …" : "")
        case .directoryLocked(let error):
            error.description
        }
    }

    static func opening<T>(_ path: String, _ body: () throws(SQLiteError) -> T) throws(StoreMaintenanceError) -> T {
        do throws(SQLiteError) { return try body() } catch { throw .cannotOpen(path: path, reason: error.message) }
    }

    static func reading<T>(_ path: String, _ body: () throws -> T) throws(StoreMaintenanceError) -> T {
        do {
            return try body()
        } catch let error as StoreMaintenanceError {
            throw error
        } catch let error as SQLiteError {
            throw .sqlite(path: path, reason: "\(error.message) (\(error.context))")
        } catch {
            throw .sqlite(path: path, reason: "\(error)")
        }
    }
}
