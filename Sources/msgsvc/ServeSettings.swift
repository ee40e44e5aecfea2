import ArgumentParser
import Logging
import MessageService

/// The serve command's settings: each from its flag, else its environment variable, else its default.
struct ServeSettings {
    var uri: String?
    var host: String
    var port: Int
    var dataDirectory: String
    var poolSize: Int?
    var maxContentBytes: Int
    var maxImportBytes: Int
    var maxConnections: Int
    var maxLiveStreams: Int
    var livePollMilliseconds: Int
    var serverSelectionTimeoutMS: Int
    var logLevel: Logger.Level
    var logFormat: LogFormat

    init(command: ServeCommand, environment: [String: String]) throws {
        let source = SettingsSource(environment: environment)
        uri = source.uri(command.uri, dataDirectoryFlag: command.dataDir)
        host = command.host ?? source.text("MSGSVC_HOST") ?? "127.0.0.1"
        port = try source.integer(command.port, "MSGSVC_PORT", default: 8080, range: 0...65535)!
        dataDirectory = source.dataDirectory(command.dataDir)
        poolSize = try source.integer(command.poolSize, "MSGSVC_POOL_SIZE", default: nil, range: 1...1000)
        maxContentBytes = try source.maxContentBytes(command.maxContentBytes)
        maxImportBytes = try source.integer(
            command.maxImportBytes, "MSGSVC_MAX_IMPORT_BYTES", default: 268_435_456, range: 1...Int(Int64.max))!
        maxConnections = try source.integer(
            command.maxConnections, "MSGSVC_MAX_CONNECTIONS", default: 10_000, range: 1...1_000_000)!
        maxLiveStreams = try source.integer(command.maxLiveStreams, "MSGSVC_MAX_LIVE_STREAMS", default: 1000, range: 0...1_000_000)!
        livePollMilliseconds = try source.integer(command.livePollMs, "MSGSVC_LIVE_POLL_MS", default: 100, range: 10...10_000)!
        serverSelectionTimeoutMS = try source.integer(
            command.serverSelectionTimeoutMs, "MSGSVC_SERVER_SELECTION_TIMEOUT_MS", default: 2000, range: 1...600_000)!
        logLevel = try source.logLevel(command.logLevel, default: .info)
        let format = command.logFormat ?? source.text("MSGSVC_LOG_FORMAT") ?? LogFormat.text.rawValue
        guard let parsedFormat = LogFormat(rawValue: format) else {
            throw ValidationError("log format must be json or text; got \(format.debugDescription)")
        }
        logFormat = parsedFormat
    }
}
