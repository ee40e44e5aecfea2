/// What storing a new message did.
public enum InsertOutcome: Sendable, Hashable {
    /// The message was stored now, with a fresh id and timestamp.
    case created(Message)
    /// A message with the same client_id, sender and content was already in the room: nothing was stored,
    /// and this is the original.
    case existing(Message)

    public var message: Message {
        switch self {
        case .created(let message), .existing(let message): message
        }
    }
}
