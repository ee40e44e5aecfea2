import BSON

/// Cuts the array a positional projection names down to the one element the query matched.
enum PositionalProjection {
    static func keep(_ index: Int, atPath path: ArraySlice<String>, in document: Document) throws(EngineError) -> Document {
        guard let name = path.first, let value = document[name] else { return document }
        switch value {
        case .array(let items) where path.count == 1:
            guard index < items.count else {
                throw EngineError(.positionalProjectionMismatch,
                    "Executor error during find command :: caused by :: positional operator '.$' element mismatch")
            }
            return document.replacing(name, with: .array([items[index]]))
        case .document(let nested) where path.count > 1:
            return document.replacing(name, with: .document(try keep(index, atPath: path.dropFirst(), in: nested)))
        default:
            return document
        }
    }
}
