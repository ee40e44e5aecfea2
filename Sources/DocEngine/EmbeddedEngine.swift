import BSON
import Logging
import Metrics
import NIOCore
import NIOPosix
import ServiceLifecycle
import WireProtocol

/// The embedded document engine: a MongoDB-wire-compatible server over a SQLite data directory. msgsvc
/// runs it in-process on a private Unix socket; `msgsvc engine` serves it alone for any driver.
public final class EmbeddedEngine: Service, Sendable {
    public struct Configuration: Sendable {
        public var dataDirectory: String
        public var host: String
        /// nil: no TCP listener (Unix socket only). 0: any free port.
        public var port: Int?
        public var unixSocketPath: String?
        public var cursorIdleTimeout: Duration
        public var maxConnections: Int

        public init(dataDirectory: String, host: String = "127.0.0.1", port: Int? = 27017,
                    unixSocketPath: String? = nil, cursorIdleTimeout: Duration = .seconds(600),
                    maxConnections: Int = 1000) {
            self.dataDirectory = dataDirectory
            self.host = host
            self.port = port
            self.unixSocketPath = unixSocketPath
            self.cursorIdleTimeout = cursorIdleTimeout
            self.maxConnections = maxConnections
        }
    }

    public let configuration: Configuration
    let store: DocumentStore
    let server: WireServer
    let cursors: CursorRegistry
    let activity = ServerActivity()
    private let logger: Logger

    /// Commands, group-commit sizes and durations are recorded through `metricsFactory`.
    public init(configuration: Configuration, logger: Logger, metricsFactory: any MetricsFactory = MetricsSystem.factory) throws {
        self.configuration = configuration
        self.logger = logger
        let metrics = EngineMetrics(factory: metricsFactory)
        store = try DocumentStore(directory: configuration.dataDirectory, logger: logger, vfs: nil, metrics: metrics)
        cursors = CursorRegistry(idleTimeout: configuration.cursorIdleTimeout)
        let launch = LaunchOptions(
            host: configuration.host, port: configuration.port, unixSocketPath: configuration.unixSocketPath,
            dataDirectory: configuration.dataDirectory, maxConnections: configuration.maxConnections)
        let state = CommandEnvironment(
            store: store, cursors: cursors, logger: logger, activity: activity, launch: launch, metrics: metrics)
        var wire = WireServerConfiguration()
        wire.host = configuration.host
        wire.port = configuration.port
        wire.unixSocketPath = configuration.unixSocketPath
        wire.maxConnections = configuration.maxConnections
        server = WireServer(configuration: wire, handler: EngineCommandHandler(engine: state), logger: logger)
    }

    /// Starts listening; returns the bound addresses (TCP with its real port, and the socket path).
    @discardableResult
    public func start() async throws -> [SocketAddress] {
        let addresses = try await server.start()
        activity.listeningPort = addresses.compactMap(\.port).first
        // A tenth of the idle timeout: an abandoned cursor lives at most 10% longer than allowed.
        cursors.startSweeping(every: configuration.cursorIdleTimeout / 10)
        logger.info("document engine listening", metadata: [
            "addresses": "\(addresses.map(\.description).joined(separator: ", "))",
            "data_dir": "\(configuration.dataDirectory)",
        ])
        return addresses
    }

    /// Stops accepting, closes connections, then waits for queued writes and closes the store.
    public func shutdown() async {
        await server.shutdown()
        cursors.stopSweeping()
        await store.close()
        logger.info("document engine stopped")
    }

    /// As a lifecycle service: start, serve until graceful shutdown, then shut down cleanly.
    public func run() async throws {
        try await start()
        try? await gracefulShutdown()
        await shutdown()
    }
}
