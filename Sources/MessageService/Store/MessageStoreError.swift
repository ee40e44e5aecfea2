/// What a `MessageStore` reports when it cannot do what was asked, in the store's own terms. The HTTP
/// layer maps it to a status in one place (`MessageServiceError.mapping`).
public enum MessageStoreError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The database cannot be reached now; worth retrying after `retryAfterSeconds`.
    case unavailable(retryAfterSeconds: Int)
    /// The client_id was already used in the room for a message with another sender or content.
    case clientIDConflict(clientID: String)
    /// The message was deleted: a tombstone cannot be edited.
    case messageDeleted(id: String)
    /// Other writers kept taking the room's next number first; worth retrying shortly.
    case contended
    /// The database has no room for new messages (a full disk); reads still work.
    case full
    /// A stored document is not a message as msgsvc writes them (`detail` names its keys, not its content).
    case corruptDocument(detail: String)

    public var description: String {
        switch self {
        case .unavailable: "the database is unavailable; retry shortly"
        case .clientIDConflict(let clientID):
            "client_id \"\(clientID)\" was already used in this room for a message with a different sender or content"
        case .messageDeleted(let id): "message \(id) was deleted and cannot be edited"
        case .contended: "too many concurrent writes to this room; retry shortly"
        case .full: "the message store is full: no new messages can be stored until space is freed; reading works"
        case .corruptDocument(let detail): "a stored message has an unexpected shape: \(detail)"
        }
    }
}
