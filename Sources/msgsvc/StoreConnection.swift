import DocEngine
import Foundation
import Logging
import MessageService
import MongoPool

/// The message store for a command that is not a server: over the given URI, or over a data directory.
///
/// A data directory nobody uses gets the embedded engine in this process, as `serve` starts it, without
/// HTTP. A data directory a running msgsvc holds (its lock names the process) is reached through that
/// instance's private engine socket instead, so an import into a live deployment goes through the one
/// process that owns the files, and its readers see the new messages as ordinary changes; a directory
/// held by a process without that socket (`msgsvc engine` on TCP) is refused with its pid.
struct StoreConnection {
    let store: MongoMessageStore
    /// A sentence for the log and the user, naming the store (passwords redacted).
    let description: String
    private let client: MongoClient
    private let engine: EmbeddedEngine?

    static func open(_ target: StoreTarget, logger: Logger) async throws -> StoreConnection {
        switch target {
        case .uri(let given):
            let uri = try MongoURI(given)
            return try connect(uri, database: uri.database ?? "msgsvc", engine: nil,
                               description: "MongoDB at \(uri.redacted)", logger: logger)
        case .dataDirectory(let directory):
            let engine: EmbeddedEngine
            let uri: MongoURI
            do {
                (engine, uri) = try await EngineSocket.startEngine(dataDirectory: directory, logger: logger)
            } catch StoreOpenError.directoryLocked(_, let owner) {
                return try throughRunningInstance(directory: directory, owner: owner, logger: logger)
            }
            do {
                return try connect(uri, database: EngineSocket.database, engine: engine,
                                   description: "the embedded engine in \(directory)", logger: logger)
            } catch {
                await engine.shutdown()
                throw error
            }
        }
    }

    /// The socket a running msgsvc serves its engine on: in the data directory, or (when that path is too
    /// long) the temporary one named after its pid; see `EngineSocket.path(in:)`.
    private static func throughRunningInstance(directory: String, owner: Int32?, logger: Logger) throws -> StoreConnection {
        var candidates = [EngineSocket.path(in: directory)]
        if let owner { candidates.append(EngineSocket.path(ofProcess: owner)) }
        let who = owner.map { "process \($0)" } ?? "another process"
        guard let socket = candidates.first(where: FileManager.default.fileExists(atPath:)) else {
            throw StoreConnectionError.directoryInUse(directory: directory, owner: who)
        }
        return try connect(try EngineSocket.uri(of: socket), database: EngineSocket.database, engine: nil,
                           description: "the msgsvc running on \(directory) (\(who)), through its engine socket",
                           logger: logger)
    }

    private static func connect(
        _ uri: MongoURI, database: String, engine: EmbeddedEngine?, description: String, logger: Logger
    ) throws -> StoreConnection {
        // One command runs at a time (export pages, import batches); a spare connection for the head read.
        let client = try MongoClient(settings: MongoClientSettings(uri: uri, poolSize: 2), logger: logger)
        return StoreConnection(store: MongoMessageStore(client: client, database: database, logger: logger),
                               description: description, client: client, engine: engine)
    }

    /// Prepares the store as `serve` does (indexes; a no-op when done), so that importing into a fresh
    /// data directory or database works.
    func prepare() async throws {
        try await store.prepare()
    }

    func close() async {
        await client.close()
        await engine?.shutdown()
    }
}

enum StoreConnectionError: Error, CustomStringConvertible {
    case directoryInUse(directory: String, owner: String)

    var description: String {
        switch self {
        case .directoryInUse(let directory, let owner):
            "the data directory \(directory) is in use by \(owner), which has no engine socket to go through; "
                + "stop it, or pass --uri with the address it serves"
        }
    }
}
