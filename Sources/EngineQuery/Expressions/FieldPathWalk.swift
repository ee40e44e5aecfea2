import BSON

/// Aggregation field paths: documents are stepped into by name; an array maps the rest of the path over
/// its elements, keeping documents' (and nested arrays') results and dropping scalars and misses, so
/// `"$a.b"` on `{a: [{b: 1}, {c: 2}, 3]}` is `[1]`. Numeric components are names, never positions.
enum FieldPathWalk {
    static func value(_ start: BSONValue?, _ path: ArraySlice<String>) -> BSONValue? {
        guard let first = path.first else { return start }
        switch start {
        case .document(let document)?:
            return value(document[first], path.dropFirst())
        case .array(let items)?:
            var out: [BSONValue] = []
            for item in items {
                switch item {
                case .document, .array:
                    if let found = value(item, path) { out.append(found) }
                default:
                    continue
                }
            }
            return .array(out)
        default:
            return nil
        }
    }
}
