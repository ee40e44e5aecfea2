/// The answer to a `ChangesRequest`.
public struct ChangesPage: Sendable, Hashable {
    /// In ascending `change` order, each message once, in its latest state.
    public var changes: [Message]
    /// More changes exist after the last one here.
    public var hasMore: Bool

    public init(changes: [Message], hasMore: Bool) {
        self.changes = changes
        self.hasMore = hasMore
    }

    /// Where the next page starts: the last change here, or `after` itself when there was none.
    public func lastChange(after: Int64) -> Int64 {
        changes.last?.change ?? after
    }
}
