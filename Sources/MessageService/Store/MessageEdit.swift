import BSON

/// A validated request to replace a message's content.
public struct MessageEdit: Sendable, Hashable {
    public let roomID: String
    public let id: ObjectId
    public let content: String

    /// Checks the content by the same rules as a new message's.
    public init(roomID: String, id: ObjectId, content: String, maxContentBytes: Int) throws(MessageValidationError) {
        try Validation.checkRoomID(roomID)
        try Validation.checkContent(content, maxBytes: maxContentBytes)
        self.roomID = roomID
        self.id = id
        self.content = content
    }

    /// True when `stored` already says this, byte for byte.
    public func isNoOp(for stored: Message) -> Bool {
        content.utf8.elementsEqual(stored.content.utf8)
    }
}
