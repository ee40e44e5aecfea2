import Synchronization

/// One stream's inbox: the batches its room's feed delivered and it has not written yet, bounded.
///
/// The feed never waits for a subscriber: `deliver` only appends. A subscriber that falls more than
/// `limit` changes behind is dropped (its stream is closed and its client resumes with Last-Event-ID),
/// so one slow client costs a bounded amount of memory and never slows the others.
final class Subscription: Sendable {
    enum Event: Sendable {
        case batch(FeedBatch)
        /// Nothing happened for a while: time for a heartbeat.
        case idle
        /// The stream is over: dropped for being slow, or the service is shutting down.
        case ended(EndReason)
    }

    enum EndReason: Sendable, Equatable {
        case tooSlow
        case shutdown
        case finished
    }

    private struct State {
        var queue: [FeedBatch] = []
        var queuedChanges = 0
        var ended: EndReason?
        var waiter: CheckedContinuation<Event, Never>?
        var endWaiters: [CheckedContinuation<EndReason, Never>] = []
    }

    private let state = Mutex(State())
    private let limit: Int

    init(limit: Int) {
        self.limit = limit
    }

    /// Called by the feed. Drops the subscriber when its inbox would exceed the limit.
    func deliver(_ batch: FeedBatch) {
        let overflow = state.withLock { state -> Bool in
            guard state.ended == nil else { return false }
            if let waiter = state.waiter {
                state.waiter = nil
                waiter.resume(returning: .batch(batch))
                return false
            }
            guard state.queuedChanges + batch.changes.count <= limit else { return true }
            state.queue.append(batch)
            state.queuedChanges += batch.changes.count
            return false
        }
        if overflow { end(.tooSlow) }
    }

    /// Ends the stream; the first reason wins.
    func end(_ reason: EndReason) {
        state.withLock { state in
            guard state.ended == nil else { return }
            state.ended = reason
            state.waiter?.resume(returning: .ended(reason))
            state.waiter = nil
            for waiter in state.endWaiters { waiter.resume(returning: reason) }
            state.endWaiters = []
        }
    }

    var endReason: EndReason? { state.withLock { $0.ended } }

    /// The next batch, or `.idle` after `idle` without one, or the end.
    func next(idle: Duration) async -> Event {
        if let ready = state.withLock({ state -> Event? in
            if let reason = state.ended { return .ended(reason) }
            guard !state.queue.isEmpty else { return nil }
            let batch = state.queue.removeFirst()
            state.queuedChanges -= batch.changes.count
            return .batch(batch)
        }) {
            return ready
        }
        return await withTaskGroup(of: Event?.self) { group in
            group.addTask { await self.waitForBatch() }
            group.addTask {
                do { try await Task.sleep(for: idle) } catch { return nil }
                return .idle
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            // A batch that arrived while the timer won is not lost: the waiter hands it back here.
            let second = await group.next() ?? nil
            switch (first, second) {
            case (.batch, _), (.ended, _): return first!
            case (_, .batch(let batch)): return self.requeue(batch, else: first ?? .idle)
            default: return first ?? second ?? .idle
            }
        }
    }

    /// Puts back a batch that a cancelled wait received, to be returned first next time.
    private func requeue(_ batch: FeedBatch, else event: Event) -> Event {
        state.withLock { state in
            state.queue.insert(batch, at: 0)
            state.queuedChanges += batch.changes.count
        }
        return event
    }

    private func waitForBatch() async -> Event? {
        await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                state.withLock { state in
                    if let reason = state.ended {
                        continuation.resume(returning: .ended(reason))
                    } else if Task.isCancelled {
                        continuation.resume(returning: .idle)
                    } else if !state.queue.isEmpty {
                        let batch = state.queue.removeFirst()
                        state.queuedChanges -= batch.changes.count
                        continuation.resume(returning: .batch(batch))
                    } else {
                        state.waiter = continuation
                    }
                }
            }
        } onCancel: {
            state.withLock { state in
                state.waiter?.resume(returning: .idle)
                state.waiter = nil
            }
        }
    }

    /// Returns when the stream ends, for whatever reason.
    func ended() async -> EndReason {
        await withCheckedContinuation { continuation in
            state.withLock { state in
                if let reason = state.ended {
                    continuation.resume(returning: reason)
                } else {
                    state.endWaiters.append(continuation)
                }
            }
        }
    }
}
