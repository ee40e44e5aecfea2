import Synchronization

/// How long a room's feed waits between reads of the change index: `pollInterval` while nothing tells
/// it of changes, and the relaxed safety-net interval while the store's notifications wake it.
final class FeedCadence: Sendable {
    private let settings: LiveSettings
    private let notified = Atomic(false)

    init(settings: LiveSettings) {
        self.settings = settings
    }

    var isNotified: Bool { notified.load(ordering: .relaxed) }

    /// True when this changed the mode.
    @discardableResult
    func setNotified(_ value: Bool) -> Bool {
        notified.exchange(value, ordering: .relaxed) != value
    }

    var interval: Duration {
        isNotified ? max(settings.pollInterval, settings.notifiedPollInterval) : settings.pollInterval
    }
}
