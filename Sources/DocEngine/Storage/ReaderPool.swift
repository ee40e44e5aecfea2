import NIOCore
import NIOPosix
import Synchronization

/// Read-only connections, each used by one thread at a time. In WAL mode readers never wait for the
/// writer: each read runs in its own transaction and sees the last commit before it began.
final class ReaderPool: Sendable {
    private let threads: NIOThreadPool
    private let idle: Mutex<[SQLiteConnection]>

    init(path: String, count: Int, vfs: String? = nil) throws {
        // One connection per thread, so a running job always finds one idle.
        idle = Mutex(try (0..<count).map { _ in
            let connection = try SQLiteConnection(path: path, readOnly: true, vfs: vfs)
            try connection.execute(Schema.readerCachePragma)
            return connection
        })
        threads = NIOThreadPool(numberOfThreads: count)
        threads.start()
    }

    /// Runs `body` in a read transaction on a pool thread (never on an event loop). Called from an event
    /// loop (msgsvc runs Swift concurrency on NIO's loops), the result comes back to that same loop, where
    /// the connection's reply is written: one hop there and one back, none to a third thread.
    func read<T: Sendable>(_ body: @escaping @Sendable (SQLiteConnection) throws -> T) async throws -> T {
        if let eventLoop = MultiThreadedEventLoopGroup.currentEventLoop {
            return try await threads.runIfActive(eventLoop: eventLoop) { [self] in try run(body) }.get()
        }
        return try await threads.runIfActive { [self] in try run(body) }
    }

    private func run<T>(_ body: (SQLiteConnection) throws -> T) throws -> T {
        let connection = idle.withLock { $0.removeLast() }
        defer { idle.withLock { $0.append(connection) } }
        try connection.statement("BEGIN").run()
        defer {
            connection.resetAllStatements()
            try? connection.statement("COMMIT").run()
        }
        return try body(connection)
    }

    func close() async {
        try? await threads.shutdownGracefully()
        idle.withLock { $0.removeAll() }
    }
}
