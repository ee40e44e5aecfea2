import ArgumentParser
import DocEngine
import Foundation
import Hummingbird
import Logging
import MessageService
import MongoPool
import ServiceLifecycle

/// `msgsvc [options]`: the HTTP message API, on MongoDB (`--uri`) or on the embedded engine in-process.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the HTTP message API (the default command). Every option can also come from the environment.")

    @Option(name: .long, help: "MongoDB connection string (env MONGO_URI). Without it, the embedded engine is used.")
    var uri: String?

    @Option(name: .long, help: "HTTP listen address (env MSGSVC_HOST, default 127.0.0.1).")
    var host: String?

    @Option(name: .long, help: "HTTP port (env MSGSVC_PORT, default 8080).")
    var port: Int?

    @Option(name: .long, help: "Embedded engine data directory (env MSGSVC_DATA_DIR, default ./msgsvc-data).")
    var dataDir: String?

    @Option(name: .long, help: "Connection pool size (env MSGSVC_POOL_SIZE; default: the URI's maxPoolSize, else 16).")
    var poolSize: Int?

    @Option(name: .long, help: "Largest message content in UTF-8 bytes (env MSGSVC_MAX_CONTENT_BYTES, default 16384).")
    var maxContentBytes: Int?

    @Option(name: .long, help: "Largest import body (POST /rooms/{room_id}/import) in bytes; it is streamed (env MSGSVC_MAX_IMPORT_BYTES, default 268435456).")
    var maxImportBytes: Int?

    @Option(name: .long, help: "Most HTTP connections open at once; more wait to be accepted (env MSGSVC_MAX_CONNECTIONS, default 10000).")
    var maxConnections: Int?

    @Option(name: .long, help: "Most live streams (GET /rooms/{room_id}/live) open at once; more are answered 503 (env MSGSVC_MAX_LIVE_STREAMS, default 1000).")
    var maxLiveStreams: Int?

    @Option(name: .long, help: "How often a followed room's changes are read from the database, in ms (env MSGSVC_LIVE_POLL_MS, default 100).")
    var livePollMs: Int?

    @Option(name: .long, help: "How long to wait for a reachable database before answering 503, in ms (env MSGSVC_SERVER_SELECTION_TIMEOUT_MS, default 2000).")
    var serverSelectionTimeoutMs: Int?

    @Option(name: .long, help: "trace, debug, info, notice, warning, error or critical (env MSGSVC_LOG_LEVEL, default info).")
    var logLevel: String?

    @Option(name: .long, help: "json (one object per line) or text (env MSGSVC_LOG_FORMAT, default text).")
    var logFormat: String?

    @OptionGroup var envFile: EnvFileOption

    func run() async throws {
        let settings = try ServeSettings(command: self, environment: try await envFile.environment())
        ProcessLogging.bootstrap(settings.logFormat)
        try await ServiceRunner(settings: settings).run()
    }
}
