/// Failures of the storage layer itself, as opposed to MongoDB-level errors (`EngineError`).
enum EngineStorageError: Error, CustomStringConvertible {
    /// The store was closed while the operation waited.
    case closed
    /// A stored row does not hold a framed BSON document: the file was damaged outside the engine.
    case corruptDocument(byteCount: Int)

    var description: String {
        switch self {
        case .closed: "the storage engine is shut down"
        case .corruptDocument(let count): "a stored document of \(count) bytes is not valid BSON; the data file is damaged"
        }
    }
}
