import BSON
import FuzzSupport

/// What the engine relies on once `Document(bytes:)` accepts bytes from a client: every way of reading the
/// document works without crashing, the document keeps exactly the bytes it was given, and its values can be
/// written back into a valid document. Anything else is a bug, reported by crashing with the reason.
enum BSONChecks {
    static func check(_ bytes: [UInt8]) {
        guard let document = try? Document(bytes: bytes) else { return }
        expect(document.bytes == bytes, "the accepted document's bytes differ from its input")
        Walk(root: document).visit(document, path: [])

        // Reading normalises (array keys become indexes, deprecated types become undefined), so the rebuilt
        // bytes may differ from the input; they must be valid, and rebuilding again must change nothing.
        let rebuilt = Document(document.elements)
        expect((try? Document(bytes: rebuilt.bytes)) != nil, "re-encoding an accepted document gave invalid BSON")
        expect(Document(rebuilt.elements).bytes == rebuilt.bytes, "re-encoding is not stable")

        // Error messages and logs print documents and values this way.
        _ = document.relaxedExtendedJSON
        _ = document.canonicalExtendedJSON
    }
}

/// Reads every element and nested value the ways command handlers do: by iteration, by key, and by dotted
/// path from the root. Only paths that dots can express are looked up: no key on the way may contain a dot,
/// and a repeated key is reachable only at its first occurrence.
private struct Walk {
    let root: Document

    func visit(_ document: Document, path: [String]?) {
        let elements = document.elements
        expect(elements.count == document.count, "elements and count disagree")
        var seen = Set<String>()
        for (key, value) in elements {
            expect(document[key] != nil, "subscript misses key \(key.debugDescription) that iteration found")
            let first = seen.insert(key).inserted
            visit(value, path: first ? child(of: path, key) : nil)
        }
    }

    private func visit(_ value: BSONValue, path: [String]?) {
        if let path {
            let dotted = path.joined(separator: ".")
            expect(root.value(atPath: dotted) != nil, "value(atPath: \(dotted.debugDescription)) misses a value")
        }
        _ = value.typeName
        _ = value.integerValue
        switch value {
        case .document(let nested):
            visit(nested, path: path)
        case .array(let items):
            for (index, item) in items.enumerated() { visit(item, path: child(of: path, String(index))) }
        case .decimal128(let decimal):
            _ = decimal.description
        case .objectId(let id):
            expect(ObjectId(hex: id.hex) == id, "ObjectId hex does not parse back")
        default:
            break
        }
    }

    private func child(of path: [String]?, _ key: String) -> [String]? {
        // By scalar, as paths are split: a dot followed by a combining mark is one Character, not ".".
        guard let path, !key.unicodeScalars.contains(".") else { return nil }
        return path + [key]
    }
}
