import ArgumentParser
import DocEngine
import Logging
import MessageService
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

    @Option(name: .long, help: "TCP port (0 picks a free one).")
    var port: Int = 27017

    @Option(name: .long, help: "Also listen on this Unix domain socket (created with mode 0600).")
    var socket: String?

    @Option(name: .long, help: "trace, debug, info, notice, warning, error or critical.")
    var logLevel: Logger.Level = .info

    @Option(name: .long, help: "json (one object per line) or text.")
    var logFormat: LogFormat = .text

    func run() async throws {
        ProcessLogging.bootstrap(logFormat)
        var logger = Logger(label: "msgsvc.engine")
        logger.logLevel = logLevel
        let engine = try EmbeddedEngine(
            configuration: .init(dataDirectory: dataDir, host: host, port: port, unixSocketPath: socket),
            logger: logger)
        let group = ServiceGroup(
            configuration: .init(services: [.init(service: engine)], gracefulShutdownSignals: [.sigterm, .sigint],
                                 logger: logger))
        try await group.run()
    }
}

extension Logger.Level: @retroactive ExpressibleByArgument {}
