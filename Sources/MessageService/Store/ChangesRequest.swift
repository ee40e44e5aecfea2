/// One page of a room's change feed: the messages whose latest change is after `after`, oldest change first.
public struct ChangesRequest: Sendable, Hashable {
    public var roomID: String
    /// A change number; 0 reads from the beginning.
    public var after: Int64
    public var limit: Int

    public init(roomID: String, after: Int64, limit: Int) {
        self.roomID = roomID
        self.after = after
        self.limit = limit
    }
}
