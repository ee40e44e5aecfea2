import ArgumentParser
import DocEngine
import Logging
import MessageService
import Metrics
import ServiceLifecycle

/// `msgsvc engine`: the embedded document engine alone, as a local mongod for any MongoDB driver.
struct EngineCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "engine",
        abstract: "Serve the embedded document engine over MongoDB's wire protocol until SIGINT/SIGTERM.")

    @Option(name: .long, help: "Directory holding the engine's data (created if missing).")
    var dataDir: String

    @Option(name: .long, help: "Address to listen on. Loopback by default; anything else exposes the data unauthenticated.")
    var host: String = "127.0.0.1"

    @Option(name: .long, help: "TCP port (0 picks a free one). Not 27017, so that a real mongod on this machine is never shadowed.")
    var port: Int = 37017

    @Option(name: .long, help: "Also listen on this Unix domain socket (created with mode 0600).")
    var socket: String?

    @Option(name: .long, help: "trace, debug, info, notice, warning, error or critical.")
    var logLevel: Logger.Level = .info

    @Option(name: .long, help: "json (one object per line) or text.")
    var logFormat: LogFormat = .text

    @Option(name: .long, help: "Serve GET /metrics (Prometheus) over HTTP on this port, on --host. Off by default.")
    var metricsPort: Int?

    func validate() throws {
        if let metricsPort, !(0...65535).contains(metricsPort) {
            throw ValidationError("--metrics-port must be between 0 and 65535, got \(metricsPort)")
        }
    }

    func run() async throws {
        ProcessLogging.bootstrap(logFormat)
        var logger = Logger(label: "msgsvc.engine")
        logger.logLevel = logLevel
        // Without a metrics port nothing is scraped, so nothing is recorded.
        let metricsFactory = metricsPort.map { _ in ProcessMetrics.bootstrap() }
        let engine = try EmbeddedEngine(
            configuration: .init(dataDirectory: dataDir, host: host, port: port, unixSocketPath: socket),
            logger: logger, metricsFactory: metricsFactory ?? MetricsSystem.factory)
        var services: [ServiceGroupConfiguration.ServiceConfiguration] = [.init(service: engine)]
        if let metricsPort, let metricsFactory {
            services.append(.init(service: buildMetricsApplication(
                registry: metricsFactory.registry, host: host, port: metricsPort, logger: logger)))
        }
        let group = ServiceGroup(
            configuration: .init(services: services, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await group.run()
    }
}

extension Logger.Level: @retroactive ExpressibleByArgument {}
