/// The answer to a `SearchRequest`.
public struct SearchPage: Sendable, Hashable {
    /// Newest first.
    public var messages: [Message]
    /// Where the next page starts (pass as `before`), or nil when nothing older can match. Usually the
    /// last message's position; a store that stopped after examining its limit of candidates gives the
    /// last one examined, and the page may then hold fewer than asked, even none.
    public var resumeBefore: Position?

    public init(messages: [Message], resumeBefore: Position?) {
        self.messages = messages
        self.resumeBefore = resumeBefore
    }

    public var hasMore: Bool { resumeBefore != nil }
}
