import BSON

/// The `$rename`s of an update against one document: the source values, read before the update runs
/// (no other operator may touch a source), and the sources to remove after it ran.
struct RenamePlan {
    /// Source values by source path; a source the document lacks is absent and its rename does nothing.
    private(set) var values: [String: BSONValue] = [:]
    private var sources: [UpdatePath] = []

    init(_ renames: [(source: UpdatePath, target: UpdatePath)], in document: Document, idDescription: String) throws(EngineError) {
        for (source, target) in renames {
            let found = Self.walk(document, source.fieldNames)
            guard let value = found.value else { continue }
            if let array = found.arrayNames.last {
                throw EngineError(
                    .badValue,
                    "The source field cannot be an array element, '\(source.dotted)' in doc with \(idDescription) has an array field called '\(array)'")
            }
            let destination = Self.walk(document, target.fieldNames)
            if let array = destination.arrayNames.first {
                throw EngineError(
                    .badValue,
                    "The destination field cannot be an array element, '\(target.dotted)' in doc with \(idDescription) has an array field called '\(array)'")
            }
            values[source.dotted] = value
            sources.append(source)
        }
    }

    /// `document` without the renamed sources.
    func removingSources(from document: Document) -> Document {
        var out = document
        for source in sources { out = Self.removing(source.fieldNames[...], from: out) }
        return out
    }

    /// The value at `names` (documents by name, arrays by position) and the names of the arrays passed
    /// through on the way (not counting the value itself).
    private static func walk(_ document: Document, _ names: [String]) -> (value: BSONValue?, arrayNames: [String]) {
        var current: BSONValue = .document(document)
        var arrays: [String] = []
        var currentName = ""
        for name in names {
            switch current {
            case .document(let inner):
                guard let next = inner[name] else { return (nil, arrays) }
                current = next
            case .array(let items):
                arrays.append(currentName)
                guard let index = UpdateFieldOrder.arrayIndex(name), index < items.count else { return (nil, arrays) }
                current = items[index]
            default:
                return (nil, arrays)
            }
            currentName = name
        }
        return (current, arrays)
    }

    private static func removing(_ names: ArraySlice<String>, from document: Document) -> Document {
        guard let first = names.first else { return document }
        if names.count == 1 { return document.removing(first) }
        guard case .document(let inner)? = document[first] else { return document }
        var out = document
        out[first] = .document(removing(names.dropFirst(), from: inner))
        return out
    }
}
