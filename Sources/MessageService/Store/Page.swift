/// The answer to a `PageRequest`.
public struct Page: Sendable, Hashable {
    /// In ascending seq order (and so non-decreasing timestamps), whichever end of the range they were taken from.
    public var messages: [Message]
    /// More messages exist beyond this page in the direction asked: older ones when reading backward
    /// (no cursor or `before`), newer ones when reading forward (`after`, with or without `before`; with both
    /// cursors only messages inside the range count).
    public var hasMore: Bool

    public init(messages: [Message], hasMore: Bool) {
        self.messages = messages
        self.hasMore = hasMore
    }
}
