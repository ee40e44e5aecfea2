import DocEngine
import NIOCore
import NIOPosix

/// What the commands tell the operator, on stderr (stdout stays for a command's result).
enum StandardError {
    /// Off the event loop (a full pipe blocks a write). What goes to stderr is advisory: stderr closed or
    /// broken must not fail, or kill, the command whose work it describes, so a failed write is ignored.
    static func write(_ text: String, terminator: String = "\n") async {
        try? await FileDescriptorIO.write(ByteBuffer(string: text + terminator), to: STDERR_FILENO)
    }

    /// Runs `job` on a pool thread (SQLite and fsync block; never on an event loop), then writes what the
    /// store it produced holds.
    static func summarize(_ headline: String, of job: @escaping @Sendable () throws -> StoreSummary) async throws {
        let summary = try await NIOThreadPool.singleton.runIfActive(job)
        await write(summary, headline)
    }

    /// One line per collection, then the totals.
    static func write(_ summary: StoreSummary, _ headline: String) async {
        var lines = ["\(headline): \(summary.collections.count) collections, \(summary.documents) documents, \(summary.bytes) bytes"]
        for collection in summary.collections {
            lines.append("  \(collection.namespace): \(collection.documents) documents, \(collection.indexes) indexes")
        }
        await write(lines.joined(separator: "\n"))
    }
}
