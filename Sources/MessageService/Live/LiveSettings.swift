/// How `GET /rooms/{room_id}/live` streams behave.
public struct LiveSettings: Sendable {
    /// The most streams open at once on this instance; one more is answered 503.
    public var maxStreams: Int
    /// A comment line is sent after this long without an event, so proxies keep the connection open.
    public var heartbeat: Duration
    /// The reconnect delay sent to clients as the stream's `retry:` field, in milliseconds.
    public var retryMilliseconds: Int
    /// How often a room's feed asks the store for changes while anyone follows the room. Changes written
    /// through any instance sharing the database are seen within about this long.
    public var pollInterval: Duration
    /// While the store tells of changes as they happen (MongoDB change streams), a room's feed reads the
    /// change index when told, and otherwise every max(`pollInterval`, this): a safety net for a notice
    /// that was missed, not the way changes usually arrive.
    public var notifiedPollInterval: Duration = .seconds(1)
    /// The most changes waiting for one stream; a stream whose client reads slower than that is closed
    /// (the client reconnects with Last-Event-ID and resumes from the store) rather than buffered without end.
    public var maxQueuedChanges: Int

    public init(maxStreams: Int = 1000, heartbeat: Duration = .seconds(15), retryMilliseconds: Int = 2000,
                pollInterval: Duration = .milliseconds(100), maxQueuedChanges: Int = 1000) {
        self.maxStreams = maxStreams
        self.heartbeat = heartbeat
        self.retryMilliseconds = retryMilliseconds
        self.pollInterval = pollInterval
        self.maxQueuedChanges = maxQueuedChanges
    }
}
