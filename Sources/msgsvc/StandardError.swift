import DocEngine
import Foundation
import NIOPosix

/// What the maintenance commands tell the operator, on stderr (stdout stays for a command's result).
enum StandardError {
    static func write(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    /// Runs `job` on a pool thread (SQLite and fsync block; never on an event loop), then writes what the
    /// store it produced holds.
    static func summarize(_ headline: String, of job: @escaping @Sendable () throws -> StoreSummary) async throws {
        let summary = try await NIOThreadPool.singleton.runIfActive(job)
        write(summary, headline)
    }

    /// One line per collection, then the totals.
    static func write(_ summary: StoreSummary, _ headline: String) {
        var lines = ["\(headline): \(summary.collections.count) collections, \(summary.documents) documents, \(summary.bytes) bytes"]
        for collection in summary.collections {
            lines.append("  \(collection.namespace): \(collection.documents) documents, \(collection.indexes) indexes")
        }
        write(lines.joined(separator: "\n"))
    }
}
