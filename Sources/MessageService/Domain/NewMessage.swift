/// A message submission that passed validation and has not been stored yet.
///
/// The only way to make one is the validating initialiser, so a store never sees unchecked input.
public struct NewMessage: Sendable, Hashable {
    public let roomID: String
    public let sender: String
    public let content: String
    public let clientID: String?

    /// Validates every field; `maxContentBytes` bounds the UTF-8 size of `content`.
    public init(
        roomID: String, sender: String, content: String, clientID: String?, maxContentBytes: Int
    ) throws(MessageValidationError) {
        try Validation.checkRoomID(roomID)
        try Validation.checkSender(sender)
        try Validation.checkContent(content, maxBytes: maxContentBytes)
        if let clientID { try Validation.checkClientID(clientID) }
        self.roomID = roomID
        self.sender = sender
        self.content = content
        self.clientID = clientID
    }

    /// True when `stored` carries the same sender and content, compared byte for byte as the database does
    /// (Swift's `==` on strings would also equate canonically equivalent but differently encoded text).
    public func hasSameText(as stored: Message) -> Bool {
        sender.utf8.elementsEqual(stored.sender.utf8) && content.utf8.elementsEqual(stored.content.utf8)
    }
}
