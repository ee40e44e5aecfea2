import Synchronization

/// A client's open change streams: at most `capacity` at once (each holds one of the connections the
/// pool reserves for them), every one closed, and waited for, when the client closes.
final class ChangeStreamRegistry: Sendable {
    private struct State {
        var open: [ObjectIdentifier: ChangeStream] = [:]
        var closing = false
        var drainWaiters: [CheckedContinuation<Void, Never>] = []
    }

    let capacity: Int
    private let state = Mutex(State())

    init(capacity: Int) {
        self.capacity = capacity
    }

    /// Counts `stream` as open, or refuses it when the client is closing or `capacity` are open.
    func admit(_ stream: ChangeStream, name: String) throws(MongoError) {
        let refusal: MongoError? = state.withLock { state in
            if state.closing { return MongoError(.clientClosed, "the MongoDB client for \(name) is closed") }
            guard state.open.count < capacity else {
                return MongoError(.tooManyChangeStreams, "\(capacity) change stream(s) already open on \(name)")
            }
            state.open[ObjectIdentifier(stream)] = stream
            return nil
        }
        if let refusal { throw refusal }
    }

    /// Called once the stream's connection is back in the pool.
    func finished(_ stream: ChangeStream) {
        let waiters = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            state.open[ObjectIdentifier(stream)] = nil
            guard state.open.isEmpty else { return [] }
            defer { state.drainWaiters = [] }
            return state.drainWaiters
        }
        for waiter in waiters { waiter.resume() }
    }

    /// Refuses new streams, asks the open ones to stop, and returns once all have given their connection back.
    func closeAll() async {
        await withCheckedContinuation { (waiter: CheckedContinuation<Void, Never>) in
            let open = state.withLock { state -> [ChangeStream]? in
                state.closing = true
                guard !state.open.isEmpty else { return nil }
                state.drainWaiters.append(waiter)
                return Array(state.open.values)
            }
            guard let open else { return waiter.resume() }
            for stream in open { stream.requestClose() }
        }
    }
}
