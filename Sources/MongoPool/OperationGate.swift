import NIOCore
import NIOPosix
import Synchronization

/// Admits at most one operation per pooled connection. The others wait here, in order, as suspended
/// tasks rather than as blocked threads, for at most `waitTimeout` when one is set. Closing stops
/// admission, fails whoever is waiting, and waits for the running operations to finish.
final class OperationGate: Sendable {
    private enum Phase { case open, closing, closed }

    private struct Waiter {
        let id: UInt64
        let continuation: CheckedContinuation<Result<Void, MongoError>, Never>
        let timer: Scheduled<Void>?
    }

    private struct State {
        var phase = Phase.open
        var freeSlots: Int
        var running = 0
        var lastID: UInt64 = 0
        var waiters: [Waiter] = []
        /// The first `close()`, resumed (with true) when the last running operation leaves.
        var drainWaiter: CheckedContinuation<Bool, Never>?
        /// Later `close()` calls, resumed (with false) once the first one has finished tearing down.
        var closeWaiters: [CheckedContinuation<Bool, Never>] = []

        /// Takes a slot if one is free; nil means "wait".
        mutating func admit(closedMessage: String) -> Result<Void, MongoError>? {
            guard phase == .open else { return .failure(MongoError(.clientClosed, closedMessage)) }
            guard freeSlots > 0 else { return nil }
            freeSlots -= 1
            running += 1
            return .success(())
        }
    }

    private let state: Mutex<State>
    private let waitTimeout: Duration?
    /// Used in errors; already redacted.
    private let name: String
    private let metrics: PoolMetrics?

    init(slots: Int, waitTimeout: Duration?, name: String, metrics: PoolMetrics? = nil) {
        state = Mutex(State(freeSlots: slots))
        self.waitTimeout = waitTimeout
        self.name = name
        self.metrics = metrics
    }

    private func publish(_ state: borrowing State) {
        metrics?.publish(running: state.running, waiting: state.waiters.count)
    }

    private var closedMessage: String { "the MongoDB client for \(name) is closed" }

    /// Returns once the caller may run one operation; it must call `leave()` afterwards.
    func enter() async throws(MongoError) {
        let (admitted, id) = state.withLock { state in
            state.lastID += 1
            defer { publish(state) }
            return (state.admit(closedMessage: closedMessage), state.lastID)
        }
        if let admitted { return try admitted.get() }
        let result = await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                wait(id: id, continuation: continuation)
            }
        } onCancel: {
            expire(id, MongoError(.cancelled, "cancelled while waiting for a pooled connection to \(name)"))
        }
        try result.get()
    }

    private func wait(id: UInt64, continuation: CheckedContinuation<Result<Void, MongoError>, Never>) {
        let immediate: Result<Void, MongoError>? = state.withLock { state in
            defer { publish(state) }
            if let admitted = state.admit(closedMessage: closedMessage) { return admitted }
            // A cancellation that came before the waiter was queued found nothing to expire.
            if Task.isCancelled {
                return .failure(MongoError(.cancelled, "cancelled while waiting for a pooled connection to \(name)"))
            }
            // Started under the lock so that it cannot fire before the waiter is queued. A task scheduled on
            // an event loop is an entry in that loop's timer heap: waiting costs no thread and no wake-up
            // unless it fires, where a sleeping Task per waiter cost a timer thread's wake-ups on every wait.
            let timer = waitTimeout.map { timeout in
                MultiThreadedEventLoopGroup.singleton.any().scheduleTask(in: TimeAmount(timeout)) {
                    self.expire(id, MongoError(
                        .poolExhausted, "no pooled connection to \(self.name) became free within \(timeout)"))
                }
            }
            state.waiters.append(Waiter(id: id, continuation: continuation, timer: timer))
            return nil
        }
        if let immediate { continuation.resume(returning: immediate) }
    }

    /// Fails a waiter that is still queued; does nothing if it was admitted meanwhile.
    private func expire(_ id: UInt64, _ error: MongoError) {
        let waiter = state.withLock { state in
            defer { publish(state) }
            return state.waiters.firstIndex { $0.id == id }.map { state.waiters.remove(at: $0) }
        }
        guard let waiter else { return }
        waiter.timer?.cancel()
        waiter.continuation.resume(returning: .failure(error))
    }

    /// Gives the caller's slot to the first waiter, or frees it.
    func leave() {
        let (next, drained): (Waiter?, CheckedContinuation<Bool, Never>?) = state.withLock { state in
            defer { publish(state) }
            if state.phase == .open, !state.waiters.isEmpty {
                return (state.waiters.removeFirst(), nil)
            }
            state.running -= 1
            state.freeSlots += 1
            guard state.phase == .closing, state.running == 0 else { return (nil, nil) }
            defer { state.drainWaiter = nil }
            return (nil, state.drainWaiter)
        }
        if let next {
            next.timer?.cancel()
            next.continuation.resume(returning: .success(()))
        }
        drained?.resume(returning: true)
    }

    /// Stops admitting and fails the waiters, then returns once nothing runs. True for the first caller,
    /// who must tear down and then call `finishClosing()`; later callers return false once that happened.
    func close() async -> Bool {
        await withCheckedContinuation { (continuation: CheckedContinuation<Bool, Never>) in
            let (rejected, answer): ([Waiter], Bool?) = state.withLock { state in
                defer { publish(state) }
                switch state.phase {
                case .open:
                    state.phase = .closing
                    defer { state.waiters = [] }
                    if state.running == 0 { return (state.waiters, true) }
                    state.drainWaiter = continuation
                    return (state.waiters, nil)
                case .closing:
                    state.closeWaiters.append(continuation)
                    return ([], nil)
                case .closed:
                    return ([], false)
                }
            }
            for waiter in rejected {
                waiter.timer?.cancel()
                waiter.continuation.resume(returning: .failure(MongoError(.clientClosed, closedMessage)))
            }
            if let answer { continuation.resume(returning: answer) }
        }
    }

    /// Marks the teardown done and releases the other `close()` callers.
    func finishClosing() {
        let waiting = state.withLock { state in
            state.phase = .closed
            defer { state.closeWaiters = [] }
            return state.closeWaiters
        }
        for continuation in waiting { continuation.resume(returning: false) }
    }

    /// For `deinit`: closes at once if still open (nothing can be running then). True if it did.
    func closeImmediately() -> Bool {
        state.withLock { state in
            guard state.phase == .open else { return false }
            state.phase = .closed
            return true
        }
    }
}
