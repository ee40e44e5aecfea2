/// What an edit did.
public enum EditOutcome: Sendable, Hashable {
    /// The content was replaced, as a new change.
    case edited(Message)
    /// The message already had that content: nothing changed, and no change number was taken.
    case unchanged(Message)

    public var message: Message {
        switch self {
        case .edited(let message), .unchanged(let message): message
        }
    }
}
