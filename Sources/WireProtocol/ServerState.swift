import NIOCore

/// The wire server's mutable state: its lifecycle phase and the open connections, so shutdown can find
/// everything it must close and new connections can be counted against the limit.
actor ServerState {
    enum Phase {
        case idle
        case starting
        case running(listeners: [any Channel], acceptor: Task<Void, Never>)
        case stopping
        case stopped
    }

    enum Admission {
        case accepted(connectionID: Int)
        case overLimit(open: Int)
        case stopping
    }

    /// What shutdown has to stop.
    struct Teardown {
        var listeners: [any Channel]
        var acceptor: Task<Void, Never>?
        var connections: [any Channel]
    }

    private var phase = Phase.idle
    private var nextConnectionID = 1
    private var connections: [Int: any Channel] = [:]
    private let maxConnections: Int

    init(maxConnections: Int) { self.maxConnections = maxConnections }

    func beginStart() throws(WireServerError) {
        guard case .idle = phase else { throw .alreadyStarted }
        phase = .starting
    }

    /// False when shutdown() came first; the caller then closes what it bound.
    func finishStart(listeners: [any Channel], acceptor: Task<Void, Never>) -> Bool {
        guard case .starting = phase else { return false }
        phase = .running(listeners: listeners, acceptor: acceptor)
        return true
    }

    func failStart() {
        if case .starting = phase { phase = .idle }
    }

    /// Moves to stopping and hands back everything to close; nil if already stopping or stopped.
    func beginStop() -> Teardown? {
        switch phase {
        case .idle, .starting:
            phase = .stopped
            return Teardown(listeners: [], acceptor: nil, connections: [])
        case .running(let listeners, let acceptor):
            phase = .stopping
            return Teardown(listeners: listeners, acceptor: acceptor, connections: Array(connections.values))
        case .stopping, .stopped:
            return nil
        }
    }

    func finishStop() { phase = .stopped }

    var isStopping: Bool {
        switch phase {
        case .stopping, .stopped: true
        case .idle, .starting, .running: false
        }
    }

    func admit(_ channel: any Channel) -> Admission {
        guard case .running = phase else { return .stopping }
        guard connections.count < maxConnections else { return .overLimit(open: connections.count) }
        let id = nextConnectionID
        nextConnectionID += 1
        connections[id] = channel
        return .accepted(connectionID: id)
    }

    func remove(_ connectionID: Int) { connections[connectionID] = nil }
}
