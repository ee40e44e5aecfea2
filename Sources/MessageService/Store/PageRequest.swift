/// One page of a room's history: up to `limit` messages, optionally bounded by cursors.
///
/// - no cursor: the newest `limit` messages;
/// - `before` only: the newest `limit` messages strictly older than `before`;
/// - `after` only: the oldest `limit` messages strictly newer than `after`;
/// - both: the oldest `limit` messages strictly between them.
///
/// With a `sender`, only that sender's messages count (for the limit and for `hasMore` too).
public struct PageRequest: Sendable, Hashable {
    public var roomID: String
    public var limit: Int
    public var before: Position?
    public var after: Position?
    public var sender: String?

    public init(roomID: String, limit: Int, before: Position? = nil, after: Position? = nil, sender: String? = nil) {
        self.roomID = roomID
        self.limit = limit
        self.before = before
        self.after = after
        self.sender = sender
    }

    /// True when the page is taken from the old end of its range (after, or both cursors), false when it is
    /// taken from the new end (no cursor, or before only).
    public var readsForward: Bool { after != nil }

    /// Whether `message` belongs on the page: strictly inside the cursors' range, and by the sender asked for.
    public func contains(_ message: Message) -> Bool {
        contains(message.position) && (sender.map { $0.utf8.elementsEqual(message.sender.utf8) } ?? true)
    }

    /// Whether `position` lies strictly inside the cursors' range.
    public func contains(_ position: Position) -> Bool {
        (after.map { $0 < position } ?? true) && (before.map { position < $0 } ?? true)
    }
}
