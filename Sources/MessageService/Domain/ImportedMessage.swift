import BSON

/// One message to import into a room, validated like a POST: a line of an export (which keeps its id,
/// timestamp, edit time and deleted state), or a bare `{sender, content, timestamp?, client_id?}`.
///
/// Not carried over: `room_id` (the import's room is the one named in the request, so a room can be
/// copied under another name), `seq` and `change` (the importing store numbers the message after the
/// room's existing ones, as it would a new post, so readers of the change feed see it as a new change).
public struct ImportedMessage: Sendable, Hashable {
    /// nil for a bare line: the store gives it a new id.
    public var id: ObjectId?
    public var sender: String
    /// Empty for a tombstone.
    public var content: String
    /// nil for a bare line without one: the store stamps it as it would a post.
    public var timestamp: Int64?
    public var clientID: String?
    public var editedAt: Int64?
    public var deletedAt: Int64?

    /// Validates every field as `NewMessage` does; a tombstone (`deletedAt`) has no content and no edit time.
    public init(
        id: ObjectId?, sender: String, content: String?, timestamp: Int64?, clientID: String?, editedAt: Int64?,
        deletedAt: Int64?, maxContentBytes: Int
    ) throws(MessageValidationError) {
        try Validation.checkSender(sender)
        if deletedAt == nil { try Validation.checkContent(content ?? "", maxBytes: maxContentBytes) }
        if let clientID { try Validation.checkClientID(clientID) }
        self.id = id
        self.sender = sender
        self.content = deletedAt == nil ? content ?? "" : ""
        self.timestamp = timestamp
        self.clientID = clientID
        self.editedAt = deletedAt == nil ? editedAt : nil
        self.deletedAt = deletedAt
    }

    /// Whether `stored`, found under the same client_id, is this message: the same text byte for byte, or
    /// for a tombstone on either side (whose content is gone) the same sender. The rule of a retried POST.
    func isSame(as stored: Message) -> Bool {
        guard sender.utf8.elementsEqual(stored.sender.utf8) else { return false }
        return stored.isDeleted || deletedAt != nil || content.utf8.elementsEqual(stored.content.utf8)
    }

    /// The message as stored in `roomID` with the given numbers; `now` stamps a bare line.
    func stored(in roomID: String, id: ObjectId, seq: Int64, change: Int64, timestamp: Int64) -> Message {
        Message(id: id, roomID: roomID, sender: sender, content: content, timestamp: timestamp, clientID: clientID,
                seq: seq, change: change, editedAt: editedAt, deletedAt: deletedAt)
    }
}
