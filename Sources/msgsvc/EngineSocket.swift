import DocEngine
import Foundation
import Logging
import Metrics
import MongoPool

/// The private Unix socket msgsvc serves a data directory's embedded engine on: where it is, how libmongoc
/// reaches it, and starting the engine there. `serve` and the maintenance commands share it, so a command
/// finds the socket a running msgsvc made.
enum EngineSocket {
    /// The database msgsvc keeps its messages in on the embedded engine.
    static let database = "msgsvc"

    /// Starts the engine on `dataDirectory`, listening only on its socket; throws
    /// `StoreOpenError.directoryLocked` when another process holds the directory.
    static func startEngine(
        dataDirectory: String, logger: Logger, metricsFactory: any MetricsFactory = MetricsSystem.factory
    ) async throws -> (engine: EmbeddedEngine, uri: MongoURI) {
        let socket = path(in: dataDirectory)
        let uri = try uri(of: socket)
        let engine = try EmbeddedEngine(
            configuration: .init(dataDirectory: dataDirectory, port: nil, unixSocketPath: socket),
            logger: logger, metricsFactory: metricsFactory)
        try await engine.start()
        return (engine, uri)
    }

    /// In the data directory, unless that path is too long for a socket address (108 bytes on Linux): then
    /// the temporary one named after this process (`path(ofProcess:)`).
    static func path(in directory: String) -> String {
        let absolute = URL(fileURLWithPath: directory).standardizedFileURL.path
        let inside = (absolute as NSString).appendingPathComponent("engine.sock")
        if inside.utf8.count < 100 { return inside }
        return path(ofProcess: getpid())
    }

    /// The temporary socket of the msgsvc with process id `pid`, for a data directory whose path is too long.
    static func path(ofProcess pid: Int32) -> String {
        NSTemporaryDirectory() + "msgsvc-\(pid).sock"
    }

    /// A socket path is the host of a MongoDB URI, percent-encoded.
    static func uri(of socket: String) throws -> MongoURI {
        let encoded = socket.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(.init(charactersIn: "-._~"))) ?? socket
        return try MongoURI("mongodb://\(encoded)/\(database)")
    }
}
