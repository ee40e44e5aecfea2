import DocEngine
import Foundation
import Hummingbird
import Logging
import MessageService
import MongoPool
import ServiceLifecycle

/// Starts the store (the embedded engine on a private Unix socket, or the given MongoDB), the pool, and
/// the HTTP server, then runs until SIGTERM/SIGINT. Shutdown runs in reverse: stop accepting and finish
/// requests in flight, then close the pool, then the engine.
struct ServiceRunner {
    let settings: ServeSettings

    func run() async throws {
        var logger = Logger(label: "msgsvc")
        logger.logLevel = settings.logLevel
        let metricsFactory = ProcessMetrics.bootstrap()

        var engine: EmbeddedEngine?
        let uri: MongoURI
        let database: String
        if let given = settings.uri {
            uri = try MongoURI(given)
            database = uri.database ?? "msgsvc"
            logger.info("using MongoDB", metadata: ["uri": "\(uri.redacted)", "database": "\(database)"])
        } else {
            let started = try await EngineSocket.startEngine(
                dataDirectory: settings.dataDirectory, logger: logger, metricsFactory: metricsFactory)
            engine = started.engine
            uri = started.uri
            database = EngineSocket.database
            logger.info("using the embedded engine", metadata: ["data_dir": "\(settings.dataDirectory)"])
        }

        let client: MongoClient
        do {
            client = try MongoClient(
                // A saturated pool answers 503 after the same bounded wait instead of queueing without end.
                settings: MongoClientSettings(uri: uri, poolSize: settings.poolSize,
                                              serverSelectionTimeout: .milliseconds(settings.serverSelectionTimeoutMS),
                                              waitQueueTimeout: .milliseconds(settings.serverSelectionTimeoutMS)),
                logger: logger, metricsFactory: metricsFactory)
        } catch {
            await engine?.shutdown()
            throw error
        }
        // The application prepares the store (creates its indexes) before it accepts connections.
        let store = MongoMessageStore(client: client, database: database, logger: logger)

        var configuration = ServiceConfiguration(host: settings.host, port: settings.port,
                                                 maxContentBytes: settings.maxContentBytes,
                                                 maxConnections: settings.maxConnections,
                                                 live: LiveSettings(maxStreams: settings.maxLiveStreams,
                                                                    pollInterval: .milliseconds(settings.livePollMilliseconds)))
        configuration.maxImportBytes = settings.maxImportBytes
        let app = buildApplication(
            store: store, configuration: configuration, logger: logger, metrics: ServiceMetrics(factory: metricsFactory))
        var services: [ServiceGroupConfiguration.ServiceConfiguration] = []
        if let engine { services.append(.init(service: ShutdownHook { await engine.shutdown() })) }
        services.append(.init(service: ShutdownHook { await client.close() }))
        services.append(.init(service: app))
        let group = ServiceGroup(configuration: .init(
            services: services, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await group.run()
    }
}

/// A service that does nothing until graceful shutdown, then runs `action`. ServiceGroup stops services
/// in reverse order, so hooks listed before the HTTP server run after it has drained.
struct ShutdownHook: Service {
    let action: @Sendable () async -> Void

    func run() async throws {
        try? await gracefulShutdown()
        await action()
    }
}
