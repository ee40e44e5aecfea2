import Logging
import Synchronization

/// The one poller of a room on this instance, shared by every stream that follows the room: it reads the
/// room's change index after the last change it saw, every `pollInterval` while anyone listens, and hands
/// each batch to every subscriber. Polling the store rather than listening to this instance's own writes
/// is what makes changes written through other instances arrive too, on every deployment (the embedded
/// engine and standalone MongoDB have no change streams).
final class RoomFeed: Sendable {
    let roomID: String
    private let store: any MessageStore
    private let settings: LiveSettings
    private let logger: Logger

    private struct State {
        var subscribers: [ObjectIdentifier: Subscription] = [:]
        var poller: Task<Void, Never>?
    }

    private let state = Mutex(State())

    init(roomID: String, store: any MessageStore, settings: LiveSettings, logger: Logger) {
        self.roomID = roomID
        self.store = store
        self.settings = settings
        self.logger = logger
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
        state.withLock { state in
            state.subscribers[ObjectIdentifier(subscription)] = nil
            guard state.subscribers.isEmpty else { return false }
            state.poller?.cancel()
            state.poller = nil
            return true
        }
    }

    var isIdle: Bool { state.withLock { $0.subscribers.isEmpty } }

    private static let batchLimit = 1000

    private func poll() async {
        var position: Int64?
        while !Task.isCancelled {
            do {
                // A new poller starts at the room's present; each subscriber replays its own past from the
                // store, and catches up by itself when a batch starts after where it is.
                if position == nil { position = try await store.lastChange(roomID: roomID) }
                var more = true
                while more, let from = position, !Task.isCancelled {
                    let page = try await store.changes(ChangesRequest(roomID: roomID, after: from, limit: Self.batchLimit))
                    if let last = page.changes.last {
                        broadcast(FeedBatch(from: from, through: last.change, changes: page.changes))
                        position = last.change
                    }
                    more = page.hasMore
                }
                try await Task.sleep(for: settings.pollInterval)
            } catch is CancellationError {
                return
            } catch {
                logger.warning("live feed could not read changes; retrying", metadata: ["room_id": "\(roomID)", "error": "\(error)"])
                try? await Task.sleep(for: .seconds(1))
            }
        }
    }

    private func broadcast(_ batch: FeedBatch) {
        let subscribers = state.withLock { Array($0.subscribers.values) }
        for subscriber in subscribers { subscriber.deliver(batch) }
    }
}
