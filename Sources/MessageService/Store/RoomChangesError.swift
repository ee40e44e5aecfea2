/// Why a store cannot tell of room changes as they happen.
public enum RoomChangesError: Error, Sendable, CustomStringConvertible {
    /// The deployment has no change streams (standalone MongoDB, the embedded engine); `reason` is the
    /// server's own words.
    case unavailable(reason: String)

    public var description: String {
        switch self {
        case .unavailable(let reason): "change notifications are unavailable: \(reason)"
        }
    }
}
