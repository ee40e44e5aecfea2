import BSON

/// A stored chat message, as the API returns it: a live message, or the tombstone of a deleted one.
public struct Message: Sendable, Hashable {
    public var id: ObjectId
    public var roomID: String
    public var sender: String
    /// Empty in a tombstone: deleting a message removes its content from the store.
    public var content: String
    /// Milliseconds since the Unix epoch (UTC), assigned when the message is created and never changed.
    /// Never less than the timestamp of the room's previous message (by `seq`).
    public var timestamp: Int64
    /// The sender's idempotency key; nil when the sender gave none.
    public var clientID: String?
    /// The message's place in its room, assigned at creation: 1, 2, 3… in creation order.
    public var seq: Int64
    /// The room's change number of the message's latest create, edit or delete.
    public var change: Int64
    /// When the content was last edited (milliseconds), or nil if never.
    public var editedAt: Int64?
    /// When the message was deleted (milliseconds), or nil while it lives.
    public var deletedAt: Int64?

    public init(
        id: ObjectId, roomID: String, sender: String, content: String, timestamp: Int64, clientID: String?,
        seq: Int64, change: Int64, editedAt: Int64? = nil, deletedAt: Int64? = nil
    ) {
        self.id = id
        self.roomID = roomID
        self.sender = sender
        self.content = content
        self.timestamp = timestamp
        self.clientID = clientID
        self.seq = seq
        self.change = change
        self.editedAt = editedAt
        self.deletedAt = deletedAt
    }

    public var isDeleted: Bool { deletedAt != nil }

    /// Where the message sits in its room's history.
    public var position: Position { Position(seq: seq) }

    /// This message with its content replaced, as the change numbered `change` at time `now`.
    func edited(to content: String, change: Int64, at now: Int64) -> Message {
        var message = self
        message.content = content
        message.change = change
        message.editedAt = now
        return message
    }

    /// The tombstone this message leaves when deleted as the change numbered `change` at time `now`.
    func tombstone(change: Int64, at now: Int64) -> Message {
        var message = self
        message.content = ""
        message.change = change
        message.editedAt = nil
        message.deletedAt = now
        return message
    }
}
