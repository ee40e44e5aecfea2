import BSON
@testable import DocEngine
import Foundation
import Logging
import Metrics
import MongoPool
import NIOCore

/// A running engine on a free TCP port and a private Unix socket, in a temporary data directory, with a
/// pooled libmongoc client connected to it exactly as msgsvc connects.
struct EngineHarness {
    let directory: String
    let engine: EmbeddedEngine
    let client: MongoClient
    let port: Int
    let socketPath: String

    static func start(directory: String? = nil, metricsFactory: any MetricsFactory = NOOPMetricsHandler.instance)
        async throws -> EngineHarness
    {
        let directory = directory ?? FileManager.default.temporaryDirectory
            .appendingPathComponent("docengine-\(UUID().uuidString)").path
        let socketPath = "/tmp/docengine-\(UUID().uuidString.prefix(8)).sock"
        var logger = Logger(label: "test.engine")
        logger.logLevel = .warning
        let engine = try EmbeddedEngine(
            configuration: .init(dataDirectory: directory, port: 0, unixSocketPath: socketPath), logger: logger,
            metricsFactory: metricsFactory)
        let addresses = try await engine.start()
        let port = addresses.compactMap(\.port).first!
        // Generous: on a loaded 2-core CI machine, CPU-heavy suites running in parallel can delay the
        // engine's handshake answers by seconds; this is not a latency test.
        let uri = try MongoURI("mongodb://127.0.0.1:\(port)/?serverSelectionTimeoutMS=60000&maxPoolSize=8")
        let client = try MongoClient(settings: MongoClientSettings(uri: uri))
        return EngineHarness(directory: directory, engine: engine, client: client, port: port, socketPath: socketPath)
    }

    func stop() async {
        await client.close()
        await engine.shutdown()
    }

    func removeData() {
        try? FileManager.default.removeItem(atPath: directory)
    }

    func namespace(_ collection: String, database: String = "test") -> MongoPool.Namespace {
        MongoPool.Namespace(database: database, collection: collection)
    }

    func command(_ command: Document, database: String = "test") async throws -> Document {
        try await client.runCommand(command, database: database)
    }
}

/// Runs `body` against a fresh engine and always cleans up.
func withEngine<T>(_ body: (EngineHarness) async throws -> T) async throws -> T {
    let harness = try await EngineHarness.start()
    do {
        let result = try await body(harness)
        await harness.stop()
        harness.removeData()
        return result
    } catch {
        await harness.stop()
        harness.removeData()
        throw error
    }
}

extension MongoError {
    /// The server's error code, from the reply or the error itself.
    var serverCode: Int64? {
        if let code = reply?["code"]?.integerValue { return code }
        if case .array(let errors)? = reply?["writeErrors"], case .document(let first)? = errors.first {
            return first["code"]?.integerValue
        }
        return Int64(code)
    }
}
