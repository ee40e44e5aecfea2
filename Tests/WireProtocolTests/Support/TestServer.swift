import BSON
import Logging
import NIOCore
import WireProtocol

/// A running WireServer with the recording handler and log recorder a test inspects.
struct TestServer: Sendable {
    let server: WireServer
    let handler: RecordingHandler
    let logs: LogRecorder
    let addresses: [SocketAddress]

    var tcpAddress: SocketAddress { addresses.first { $0.protocol != .unix }! }

    /// Starts a server (TCP on an ephemeral loopback port unless the configuration says otherwise), runs
    /// `body`, and shuts the server down whatever happens.
    static func with<T: Sendable>(
        _ configuration: WireServerConfiguration = WireServerConfiguration(port: 0),
        _ body: (TestServer) async throws -> T
    ) async throws -> T {
        let handler = RecordingHandler()
        let logs = LogRecorder()
        let server = WireServer(configuration: configuration, handler: handler, logger: logs.makeLogger())
        let addresses = try await server.start()
        let running = TestServer(server: server, handler: handler, logs: logs, addresses: addresses)
        do {
            let result = try await body(running)
            await server.shutdown()
            return result
        } catch {
            await server.shutdown()
            throw error
        }
    }

    /// The log lines about one connection at warning or info level (the ones explaining a close).
    func closeReasons(forConnection connectionID: Int) -> [LogRecorder.Entry] {
        logs.entries(forConnection: connectionID).filter { $0.level == .warning || $0.level == .info }
    }
}
