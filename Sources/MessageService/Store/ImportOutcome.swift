/// What importing one message did.
public enum ImportOutcome: Sendable, Hashable {
    /// Stored now, with the room's next seq and change.
    case imported(Message)
    /// Already in the room (the same id, or the same client_id and text): nothing was stored.
    case existing(Message)
    /// Not stored, for the reason given; the rest of the import goes on.
    case refused(ImportRefusal)
}

/// Why one imported message was not stored.
public enum ImportRefusal: Error, Sendable, Hashable, CustomStringConvertible {
    /// Ids are unique across rooms: this one is taken by a message of another room.
    case idInAnotherRoom(id: String)
    /// The room already has a different message under this client_id (as a POST would get 409).
    case clientIDConflict(clientID: String)

    public var description: String {
        switch self {
        case .idInAnotherRoom(let id): "id \(id) already belongs to a message of another room"
        case .clientIDConflict(let clientID):
            MessageStoreError.clientIDConflict(clientID: clientID).description
        }
    }
}
