import Logging
import Synchronization

/// The one poller of a room on this instance, shared by every stream that follows the room: it reads the
/// room's change index after the last change it saw, every `pollInterval` while anyone listens, and hands
/// each batch to every subscriber. Polling the store rather than listening to this instance's own writes
/// is what makes changes written through other instances arrive too, on every deployment (the embedded
/// engine and standalone MongoDB have no change streams). Where the store does tell of changes, a
/// `poke` makes the poller read at once instead of at the end of its wait.
final class RoomFeed: Sendable {
    let roomID: String
    private let store: any MessageStore
    private let cadence: FeedCadence
    private let logger: Logger

    private struct State {
        var subscribers: [ObjectIdentifier: Subscription] = [:]
        var poller: Task<Void, Never>?
        /// A poke that came while the poller was reading: the read may have missed its change.
        var poked = false
        var sleeper: CheckedContinuation<Void, Never>?
    }

    private let state = Mutex(State())

    init(roomID: String, store: any MessageStore, cadence: FeedCadence, logger: Logger) {
        self.roomID = roomID
        self.store = store
        self.cadence = cadence
        self.logger = logger
    }

    /// Something changed in the room: read the change index now.
    func poke() {
        let sleeper = state.withLock { state in
            defer { state.sleeper = nil }
            if state.sleeper == nil { state.poked = true }
            return state.sleeper
        }
        sleeper?.resume()
    }

    /// Starts the poller with the first subscriber.
    func add(_ subscription: Subscription) {
        state.withLock { state in
            state.subscribers[ObjectIdentifier(subscription)] = subscription
            if state.poller == nil {
                state.poller = Task { [self] in await poll() }
            }
        }
    }

    /// Stops the poller with the last subscriber; true when the feed is now idle.
    @discardableResult
    func remove(_ subscription: Subscription) -> Bool {
        let poller = state.withLock { state -> Task<Void, Never>?? in
            state.subscribers[ObjectIdentifier(subscription)] = nil
            guard state.subscribers.isEmpty else { return nil }
            defer { state.poller = nil }
            return .some(state.poller)
        }
        // Cancelled outside the lock: cancelling runs the poller's cancellation handler, which takes it.
        guard let poller else { return false }
        poller?.cancel()
        return true
    }

    var isIdle: Bool { state.withLock { $0.subscribers.isEmpty } }

    private static let batchLimit = 1000

    private func poll() async {
        var position: Int64?
        while !Task.isCancelled {
            do {
                // A new poller starts at the room's present; each subscriber replays its own past from the
                // store, and catches up by itself when a batch starts after where it is.
                if position == nil {
                    let present = try await store.lastChange(roomID: roomID)
                    position = present
                    // A subscriber whose replay read the store before a change that came before `present`
                    // would otherwise learn of it only from a later batch: this empty one makes it catch up.
                    broadcast(FeedBatch(from: present, through: present, changes: []))
                }
                var more = true
                while more, let from = position, !Task.isCancelled {
                    let page = try await store.changes(ChangesRequest(roomID: roomID, after: from, limit: Self.batchLimit))
                    if let last = page.changes.last {
                        broadcast(FeedBatch(from: from, through: last.change, changes: page.changes))
                        position = last.change
                    }
                    more = page.hasMore
                }
                try await pause(for: cadence.interval)
            } catch is CancellationError {
                return
            } catch {
                logger.warning("live feed could not read changes; retrying", metadata: ["room_id": "\(roomID)", "error": "\(error)"])
                try? await Task.sleep(for: .seconds(1))
            }
        }
    }

    /// Returns after `interval`, or as soon as the feed is poked (at once if it was poked during the read).
    private func pause(for interval: Duration) async throws {
        let pokedAlready = state.withLock { state in
            defer { state.poked = false }
            return state.poked
        }
        if pokedAlready { return }
        await withTaskGroup(of: Void.self) { group in
            group.addTask { try? await Task.sleep(for: interval) }
            group.addTask { await self.nextPoke() }
            await group.next()
            group.cancelAll()
        }
        try Task.checkCancellation()
    }

    private func nextPoke() async {
        await withTaskCancellationHandler {
            await withCheckedContinuation { (sleeper: CheckedContinuation<Void, Never>) in
                let now = state.withLock { state in
                    if state.poked || Task.isCancelled {
                        state.poked = false
                        return true
                    }
                    state.sleeper = sleeper
                    return false
                }
                if now { sleeper.resume() }
            }
        } onCancel: {
            let sleeper = state.withLock { state in
                defer { state.sleeper = nil }
                return state.sleeper
            }
            sleeper?.resume()
        }
    }

    private func broadcast(_ batch: FeedBatch) {
        let subscribers = state.withLock { Array($0.subscribers.values) }
        for subscriber in subscribers { subscriber.deliver(batch) }
    }
}
