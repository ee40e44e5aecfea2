import BSON
import Logging
import Metrics
import NIOPosix

/// A pooled MongoDB client over libmongoc's `mongoc_client_pool_t`.
///
/// Every libmongoc call that can block runs on the client's own `NIOThreadPool`, never on a SwiftNIO
/// event loop (which would stall every connection served by that loop) nor on Swift's cooperative pool.
/// Call `close()` when done: it lets running operations finish, then closes the connections.
public final class MongoClient: Sendable {
    public let uri: MongoURI
    /// Pooled connections, which is also how many operations run at once.
    public let poolSize: Int
    private let logger: Logger
    private let pool: ConnectionPool
    private let gate: OperationGate
    /// One thread per pooled connection. Every operation pops a connection, blocks its thread while using
    /// it, and pushes it back, and `mongoc_client_pool_pop` itself blocks when all connections are out.
    /// With fewer threads than connections, and connections held across operations (as an open cursor
    /// does between batches), every thread could sit in `pop` waiting for a connection whose holder needs
    /// a thread to finish and give it back: a deadlock. Here an operation keeps its connection within one
    /// job (cursors are drained before returning), the gate admits at most `poolSize` jobs, and there are
    /// `poolSize` threads, so no job waits for a thread and `pop` never waits for a connection; the
    /// waiting happens in the gate, as suspended tasks.
    private let threadPool: NIOThreadPool
    /// Change streams hold a connection for as long as they are open, on a thread of their own; the pool
    /// has `changeStreamConnections` connections beyond `poolSize` for them, so operations never wait on them.
    private let streams = ChangeStreamRegistry(capacity: MongoClient.changeStreamConnections)

    /// How many change streams may be open at once (msgsvc opens one).
    public static let changeStreamConnections = 1

    /// Creates the pool. Nothing is contacted yet: the first operation selects a server. Its gauges
    /// (connections in use, waiters, size) are recorded through `metricsFactory`.
    public init(
        settings: MongoClientSettings, logger: Logger = Logger(label: "msgsvc.mongo"),
        metricsFactory: any MetricsFactory = MetricsSystem.factory
    ) throws(MongoError) {
        let resolved = try settings.resolved()
        uri = settings.uri
        poolSize = resolved.poolSize
        self.logger = logger
        pool = try ConnectionPool(uri: settings.uri, settings: resolved, reserved: Self.changeStreamConnections)
        gate = OperationGate(slots: resolved.poolSize, waitTimeout: resolved.waitQueueTimeout, name: uri.redacted,
                             metrics: PoolMetrics(size: resolved.poolSize, factory: metricsFactory))
        threadPool = NIOThreadPool(numberOfThreads: resolved.poolSize)
        threadPool.start()
        for warning in uri.warnings {
            logger.warning("MongoDB URI: \(warning)", metadata: ["mongo.uri": "\(uri.redacted)"])
        }
        logger.info("MongoDB client pool created", metadata: [
            "mongo.uri": "\(uri.redacted)",
            "mongo.pool_size": "\(resolved.poolSize)",
            "mongo.app_name": "\(resolved.appName)",
            "mongo.server_selection_timeout_ms": "\(resolved.serverSelectionTimeoutMS)",
        ])
    }

    /// Runs `operation` on the thread pool with a pooled connection, once the gate admits it.
    func execute<Operation: MongoOperation>(_ operation: Operation) async throws(MongoError) -> Operation.Output {
        try await gate.enter()
        defer { gate.leave() }
        let pool = self.pool
        let result: Result<Operation.Output, MongoError>
        do {
            let work: @Sendable () -> Result<Operation.Output, MongoError> = {
                pool.withClient { client in
                    Result { () throws(MongoError) in try operation.run(on: client) }
                }
            }
            // Called on an event loop (msgsvc runs Swift concurrency on NIO's loops), the result comes back
            // to that loop, which then writes the response: no hop to a third thread.
            if let eventLoop = MultiThreadedEventLoopGroup.currentEventLoop {
                result = try await threadPool.runIfActive(eventLoop: eventLoop, work).get()
            } else {
                result = try await threadPool.runIfActive(work)
            }
        } catch is CancellationError {
            result = .failure(MongoError(.cancelled, "cancelled before it started"))
        } catch {
            // The thread pool only stops in `close()`, after the gate has let every admitted operation end.
            result = .failure(MongoError(.clientClosed, "the MongoDB client for \(uri.redacted) is closed"))
        }
        switch result {
        case .success(let output):
            return output
        case .failure(let error):
            let reported = error.redacting(uri)
            logger.debug("MongoDB operation failed", metadata: ["mongo.error": "\(reported)"])
            throw reported
        }
    }

    /// Opens a change stream on `namespace` (`mongoc_collection_watch`) with `pipeline` after its
    /// `$changeStream` stage. Throws what the server answered (on a standalone server, an error whose
    /// `isChangeStreamUnsupported` is true), or `tooManyChangeStreams`.
    public func watch(
        _ namespace: Namespace, pipeline: [Document] = [], options: ChangeStreamOptions = ChangeStreamOptions()
    ) async throws(MongoError) -> ChangeStream {
        let stream = ChangeStream()
        try streams.admit(stream, name: uri.redacted)
        let streams = self.streams
        do {
            try await stream.start(pool: pool, namespace: namespace, pipeline: pipeline, options: options, uri: uri) {
                streams.finished(stream)
            }
        } catch {
            logger.debug("MongoDB change stream refused", metadata: ["mongo.error": "\(error)"])
            throw error
        }
        return stream
    }

    /// Stops accepting operations (new ones fail with `isClientClosed`, waiting ones too), waits for the
    /// running ones, then closes every connection. Safe to call more than once, concurrently too. Open
    /// change streams are closed first.
    public func close() async {
        await streams.closeAll()
        guard await gate.close() else { return }
        let pool = self.pool
        do {
            try await threadPool.runIfActive { pool.destroy() }
        } catch {
            pool.destroy()
        }
        try? await threadPool.shutdownGracefully()
        gate.finishClosing()
        logger.info("MongoDB client pool closed", metadata: ["mongo.uri": "\(uri.redacted)"])
    }

    deinit {
        // No operation can be running: each one holds the client. Closing here blocks the releasing thread
        // briefly, which `close()` exists to avoid.
        guard gate.closeImmediately() else { return }
        logger.warning("MongoClient released without close()", metadata: ["mongo.uri": "\(uri.redacted)"])
        pool.destroy()
        threadPool.shutdownGracefully { _ in }
    }
}
