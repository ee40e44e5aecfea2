/// Failures of the storage layer itself, as opposed to MongoDB-level errors (`EngineError`).
enum EngineStorageError: Error, CustomStringConvertible {
    /// The store was closed while the operation waited.
    case closed

    var description: String {
        switch self {
        case .closed: "the storage engine is shut down"
        }
    }
}
