import BSON
import Foundation
import NIOCore
import Synchronization

/// What the server has been doing, shared by every connection: open connections with their clients'
/// addresses, the commands in flight, and the opcounters. `serverStatus`, `currentOp` and `whatsmyuri`
/// read it; the command handler writes it. One lock, held only to copy or bump a few values.
final class ServerActivity: Sendable {
    private struct State {
        var clients: [Int: String] = [:]
        var totalCreated: Int64 = 0
        var operations: [Int32: InProgressOperation] = [:]
        var lastOpID: Int32 = 0
        var counters = OpCounters()
        var asserts = AssertCounters()
        var listeningPort: Int?
    }

    struct Connections: Sendable {
        let current: Int
        let totalCreated: Int64
        /// Connections with a command in progress.
        let active: Int
    }

    let startedInstant = ContinuousClock.now
    let sessions = LocalSessionCache()
    private let state = Mutex(State())

    func connectionOpened(_ id: Int, remoteAddress: SocketAddress?) {
        let client = Self.describe(remoteAddress)
        state.withLock {
            $0.clients[id] = client
            $0.totalCreated += 1
        }
    }

    func connectionClosed(_ id: Int) { state.withLock { _ = $0.clients.removeValue(forKey: id) } }

    /// The client's `host:port` as `whatsmyuri` answers it; nil for a connection the server never announced.
    func client(of connectionID: Int) -> String? { state.withLock { $0.clients[connectionID] } }

    var connections: Connections {
        state.withLock { state in
            Connections(current: state.clients.count, totalCreated: state.totalCreated,
                        active: Set(state.operations.values.map(\.connectionID)).count)
        }
    }

    var opcounters: OpCounters { state.withLock { $0.counters } }
    var asserts: AssertCounters { state.withLock { $0.asserts } }

    var operations: [InProgressOperation] {
        state.withLock { Array($0.operations.values) }.sorted { $0.opid < $1.opid }
    }

    var listeningPort: Int? {
        get { state.withLock { $0.listeningPort } }
        set { state.withLock { $0.listeningPort = newValue } }
    }

    /// Counts a command and lists it as in progress until `finish(_:)` is called with the returned opid.
    func begin(command name: String, body: Document, sequences: [String: [Document]], database: String,
               connectionID: Int) -> Int32 {
        sessions.touch(body, now: Int64((Date().timeIntervalSince1970 * 1000).rounded(.down)))
        return state.withLock { state in
            state.counters.record(command: name, body: body, sequences: sequences)
            state.lastOpID = state.lastOpID == Int32.max ? 1 : state.lastOpID + 1
            let operation = InProgressOperation(
                opid: state.lastOpID, connectionID: connectionID, client: state.clients[connectionID],
                command: body, database: database, started: .now)
            state.operations[operation.opid] = operation
            return operation.opid
        }
    }

    /// Ends an operation `begin` started; `errorCode` is the code of an error reply, counted in `asserts`.
    func finish(_ opid: Int32, errorCode: Int64?) {
        state.withLock { state in
            state.operations[opid] = nil
            if let errorCode { state.asserts.record(errorCode: errorCode) }
        }
    }

    /// `ip:port`, with IPv6 addresses bracketed; a Unix socket peer has no address of its own.
    static func describe(_ address: SocketAddress?) -> String {
        guard let address, let ip = address.ipAddress, let port = address.port else { return "anonymous unix socket" }
        if case .v6 = address { return "[\(ip)]:\(port)" }
        return "\(ip):\(port)"
    }
}
