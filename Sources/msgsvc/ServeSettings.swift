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
        func env(_ name: String) -> String? { environment[name].flatMap { $0.isEmpty ? nil : $0 } }
        func integer(_ flag: Int?, _ name: String, default value: Int?, range: ClosedRange<Int>) throws -> Int? {
            let resolved: Int?
            if let flag { resolved = flag } else if let text = env(name) {
                guard let parsed = Int(text) else { throw ValidationError("\(name) must be an integer, got \(text.debugDescription)") }
                resolved = parsed
            } else { resolved = value }
            if let resolved, !range.contains(resolved) {
                throw ValidationError("\(name) must be between \(range.lowerBound) and \(range.upperBound), got \(resolved)")
            }
            return resolved
        }
        uri = command.uri ?? env("MONGO_URI")
        host = command.host ?? env("MSGSVC_HOST") ?? "127.0.0.1"
        port = try integer(command.port, "MSGSVC_PORT", default: 8080, range: 0...65535)!
        dataDirectory = command.dataDir ?? env("MSGSVC_DATA_DIR") ?? "./msgsvc-data"
        poolSize = try integer(command.poolSize, "MSGSVC_POOL_SIZE", default: nil, range: 1...1000)
        maxContentBytes = try integer(command.maxContentBytes, "MSGSVC_MAX_CONTENT_BYTES", default: 16384, range: 1...1_000_000)!
        maxImportBytes = try integer(
            command.maxImportBytes, "MSGSVC_MAX_IMPORT_BYTES", default: 268_435_456, range: 1...Int(Int64.max))!
        maxConnections = try integer(
            command.maxConnections, "MSGSVC_MAX_CONNECTIONS", default: 10_000, range: 1...1_000_000)!
        maxLiveStreams = try integer(command.maxLiveStreams, "MSGSVC_MAX_LIVE_STREAMS", default: 1000, range: 0...1_000_000)!
        livePollMilliseconds = try integer(command.livePollMs, "MSGSVC_LIVE_POLL_MS", default: 100, range: 10...10_000)!
        serverSelectionTimeoutMS = try integer(
            command.serverSelectionTimeoutMs, "MSGSVC_SERVER_SELECTION_TIMEOUT_MS", default: 2000, range: 1...600_000)!
        let level = command.logLevel ?? env("MSGSVC_LOG_LEVEL") ?? "info"
        guard let parsed = Logger.Level(rawValue: level) else {
            throw ValidationError("log level must be one of trace, debug, info, notice, warning, error, critical; got \(level.debugDescription)")
        }
        logLevel = parsed
        let format = command.logFormat ?? env("MSGSVC_LOG_FORMAT") ?? LogFormat.text.rawValue
        guard let parsedFormat = LogFormat(rawValue: format) else {
            throw ValidationError("log format must be json or text; got \(format.debugDescription)")
        }
        logFormat = parsedFormat
    }
}
