import BSON
import WireProtocol

/// What the test handler saw, shared with the test so it can check executions that produced no reply.
actor RequestLog {
    private(set) var requests: [CommandRequest] = []
    private(set) var closedConnections: Set<Int> = []
    private var closeWaiters: [Int: [CheckedContinuation<Void, Never>]] = [:]

    func record(_ request: CommandRequest) { requests.append(request) }

    func requests(on connectionID: Int) -> [CommandRequest] {
        requests.filter { $0.connectionID == connectionID }
    }

    func closed(_ connectionID: Int) {
        closedConnections.insert(connectionID)
        for waiter in closeWaiters.removeValue(forKey: connectionID) ?? [] { waiter.resume() }
    }

    /// Returns once the server has reported the connection closed (it logs the reason before that).
    func waitUntilClosed(_ connectionID: Int) async {
        if closedConnections.contains(connectionID) { return }
        await withCheckedContinuation { closeWaiters[connectionID, default: []].append($0) }
    }
}

/// A small command handler: `hello`/`isMaster` answer as a standalone server, `history` lists what this
/// connection sent before, anything else is echoed back with its sequences.
struct RecordingHandler: CommandHandler {
    let log = RequestLog()

    func handle(_ request: CommandRequest) async -> Document {
        await log.record(request)
        switch request.body.keys.first {
        case "hello", "isMaster", "ismaster":
            return Self.hello(request)
        case "history":
            let earlier = await log.requests(on: request.connectionID).dropLast()
            let entries = earlier.map { seen -> BSONValue in
                .document([
                    "command": .string(seen.body.keys.first ?? ""),
                    "expectsReply": .bool(seen.expectsReply),
                    "documents": .int32(Int32(seen.sequences["documents"]?.count ?? 0)),
                ])
            }
            return ["history": .array(entries), "ok": 1.0]
        case "insert":
            let count = request.sequences["documents"]?.count ?? request.body["documents"]?.arrayValue?.count ?? 0
            return ["n": .int32(Int32(count)), "ok": 1.0]
        default:
            var sequences = Document()
            for (identifier, documents) in request.sequences.sorted(by: { $0.key < $1.key }) {
                sequences.append(identifier, .array(documents.map { .document($0) }))
            }
            return [
                "echo": .document(request.body), "sequences": .document(sequences),
                "database": request.database.map { .string($0) } ?? .null,
                "legacy": .bool(request.isLegacyOpQuery), "ok": 1.0,
            ]
        }
    }

    func connectionClosed(_ connectionID: Int) async { await log.closed(connectionID) }

    /// Enough of a standalone server's hello for libmongoc 1.23 to accept it.
    static func hello(_ request: CommandRequest) -> Document {
        [
            request.isLegacyOpQuery ? "ismaster" : "isWritablePrimary": true,
            "helloOk": true,
            "maxBsonObjectSize": 16_777_216,
            "maxMessageSizeBytes": 48_000_000,
            "maxWriteBatchSize": 100_000,
            "localTime": .datetime(0),
            "logicalSessionTimeoutMinutes": 30,
            "connectionId": .int32(Int32(request.connectionID)),
            "minWireVersion": 0,
            "maxWireVersion": 17,
            "ok": 1.0,
        ]
    }
}
