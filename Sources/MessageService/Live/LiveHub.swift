import Logging
import Metrics
import Synchronization

/// Every live stream of this instance: one `RoomFeed` per followed room, the count of open streams
/// against `maxStreams`, and the switch that ends them all at shutdown.
final class LiveHub: Sendable {
    let settings: LiveSettings
    private let store: any MessageStore
    private let logger: Logger
    /// Shows `open`; set under the lock so that concurrent changes cannot publish out of order.
    private let openStreamsGauge: Gauge?
    /// Shared by every feed: how long they wait between reads, which depends on whether anything wakes them.
    let cadence: FeedCadence

    private struct State {
        var feeds: [String: RoomFeed] = [:]
        var open = 0
        var shuttingDown = false
        var subscriptions: [ObjectIdentifier: Subscription] = [:]
    }

    private let state = Mutex(State())

    init(store: any MessageStore, settings: LiveSettings, logger: Logger, openStreams: Gauge? = nil) {
        self.store = store
        self.settings = settings
        self.logger = logger
        self.openStreamsGauge = openStreams
        self.cadence = FeedCadence(settings: settings)
    }

    /// A place for one more stream, or nil when `maxStreams` are open or the service is shutting down.
    func reserve() -> StreamSlot? {
        let granted = state.withLock { state -> Bool in
            guard !state.shuttingDown, state.open < settings.maxStreams else { return false }
            state.open += 1
            openStreamsGauge?.record(state.open)
            return true
        }
        return granted ? StreamSlot(hub: self) : nil
    }

    fileprivate func release() {
        state.withLock { state in
            state.open -= 1
            openStreamsGauge?.record(state.open)
        }
    }

    var openStreams: Int { state.withLock { $0.open } }

    /// Starts delivering the room's changes to a new subscription.
    func subscribe(roomID: String) -> Subscription {
        let subscription = Subscription(limit: settings.maxQueuedChanges)
        state.withLock { state in
            if state.shuttingDown { subscription.end(.shutdown) }
            state.subscriptions[ObjectIdentifier(subscription)] = subscription
            let feed = state.feeds[roomID] ?? RoomFeed(roomID: roomID, store: store, cadence: cadence, logger: logger)
            state.feeds[roomID] = feed
            // Under the hub's lock (the hub's, then the feed's, always in that order), so that an
            // unsubscribe cannot retire the feed between finding it and joining it.
            feed.add(subscription)
        }
        return subscription
    }

    func unsubscribe(_ subscription: Subscription, roomID: String) {
        state.withLock { state in
            state.subscriptions[ObjectIdentifier(subscription)] = nil
            guard let feed = state.feeds[roomID] else { return }
            if feed.remove(subscription) { state.feeds[roomID] = nil }
        }
    }

    /// The store told of a change: the room's feed, if anyone here follows the room, reads now.
    func wake(_ change: RoomChange) {
        switch change {
        case .room(let roomID): state.withLock { $0.feeds[roomID] }?.poke()
        case .unknownRoom: wakeAll()
        }
    }

    /// Whether the store's notifications wake the feeds (relaxing their polling to a safety net). Every
    /// feed reads once on the switch: notices may have been missed while it happened.
    func setNotified(_ notified: Bool) {
        // Only on a switch: a failed reopen while already polling must not make every feed read again.
        if cadence.setNotified(notified) { wakeAll() }
    }

    private func wakeAll() {
        for feed in state.withLock({ Array($0.feeds.values) }) { feed.poke() }
    }

    /// Ends every stream cleanly and refuses new ones.
    func shutdown() {
        let subscriptions = state.withLock { state -> [Subscription] in
            state.shuttingDown = true
            return Array(state.subscriptions.values)
        }
        for subscription in subscriptions { subscription.end(.shutdown) }
    }
}

/// One stream's claim on the hub's capacity, given back when the stream ends, or when its response is
/// dropped without its body ever being written (a HEAD request, a connection closed first).
final class StreamSlot: Sendable {
    private let hub: LiveHub
    private let released = Mutex(false)

    fileprivate init(hub: LiveHub) {
        self.hub = hub
    }

    func release() {
        let first = released.withLock { released in
            defer { released = true }
            return !released
        }
        if first { hub.release() }
    }

    deinit { release() }
}
