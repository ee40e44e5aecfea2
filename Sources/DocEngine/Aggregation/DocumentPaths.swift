import BSON

/// Reading and writing a dotted path through embedded documents only (no array fan-out), as `$unwind`
/// and `$lookup`'s `as` address fields.
enum DocumentPaths {
    static func value(in document: Document, at path: String) -> BSONValue? {
        var current: BSONValue = .document(document)
        for component in path.dottedPathComponents() {
            guard case .document(let inner) = current, let next = inner[String(component)] else { return nil }
            current = next
        }
        return current
    }

    /// A copy with `path` set to `value`, creating (or replacing non-documents with) embedded documents
    /// on the way; the field keeps its position when it exists.
    static func setting(_ document: Document, at path: String, to value: BSONValue) -> Document {
        set(document, Array(path.dottedPathComponents().map(String.init))[...], value)
    }

    private static func set(_ document: Document, _ components: ArraySlice<String>, _ value: BSONValue) -> Document {
        guard let first = components.first else { return document }
        var copy = document
        if components.count == 1 {
            copy[first] = value
            return copy
        }
        let inner = document[first]?.documentValue ?? Document()
        copy[first] = .document(set(inner, components.dropFirst(), value))
        return copy
    }

    static func removing(_ document: Document, at path: String) -> Document {
        remove(document, Array(path.dottedPathComponents().map(String.init))[...])
    }

    private static func remove(_ document: Document, _ components: ArraySlice<String>) -> Document {
        guard let first = components.first else { return document }
        if components.count == 1 { return document.removing(first) }
        guard case .document(let inner)? = document[first] else { return document }
        var copy = document
        copy[first] = .document(remove(inner, components.dropFirst()))
        return copy
    }
}
