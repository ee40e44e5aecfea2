import BSON

/// A stored chat message, as the API returns it.
public struct Message: Sendable, Hashable {
    public var id: ObjectId
    public var roomID: String
    public var sender: String
    public var content: String
    /// Milliseconds since the Unix epoch (UTC), assigned by the store when the message is first stored.
    public var timestamp: Int64
    /// The sender's idempotency key; nil when the sender gave none.
    public var clientID: String?

    public init(id: ObjectId, roomID: String, sender: String, content: String, timestamp: Int64, clientID: String?) {
        self.id = id
        self.roomID = roomID
        self.sender = sender
        self.content = content
        self.timestamp = timestamp
        self.clientID = clientID
    }

    /// Where the message sits in its room's history.
    public var position: Position { Position(timestamp: timestamp, id: id) }
}
