/// A store's notice that something changed in a room, written through any instance sharing the
/// database: a reason for live feeds to read the change index now, never what they deliver.
public enum RoomChange: Sendable, Equatable {
    case room(String)
    /// A change whose room could not be learned (its message was gone when the event was read).
    case unknownRoom
}
