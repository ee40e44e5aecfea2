import BSON

/// A plain model of the values a sort or index path sees (MongoDB's key generation for one path).
enum ReferenceSortKeys {
    enum Value {
        case emptyArray
        case value(BSONValue)

        /// Index keys store an empty array as null here.
        var indexed: BSONValue {
            if case .value(let v) = self { return v }
            return .null
        }
    }

    static func values(_ doc: Document, _ path: String) -> [Value] {
        values(.document(doc), path.split(separator: ".", omittingEmptySubsequences: false).map(String.init)[...])
    }

    private static func values(_ v: BSONValue, _ path: ArraySlice<String>) -> [Value] {
        guard let head = path.first else {
            if case .array(let items) = v {
                return items.isEmpty ? [.emptyArray] : items.map { .value(plain($0)) }
            }
            return [.value(plain(v))]
        }
        switch v {
        case .document(let d):
            guard let next = d[head] else { return [.value(.null)] }
            return values(next, path.dropFirst())
        case .array(let items):
            if let index = position(head) { return positional(items, index, path.dropFirst()) }
            if items.isEmpty { return [.value(.null)] }
            return items.flatMap { item -> [Value] in
                switch item {
                case .document: return values(item, path)
                case .array(let inner):
                    guard let index = position(head) else { return [.value(.null)] }
                    return positional(inner, index, path.dropFirst())
                default: return [.value(.null)]
                }
            }
        default:
            return [.value(.null)]
        }
    }

    private static func positional(_ items: [BSONValue], _ index: Int, _ tail: ArraySlice<String>) -> [Value] {
        guard index < items.count else { return [.value(.null)] }
        if tail.isEmpty {
            if case .array(let inner) = items[index], inner.isEmpty { return [.emptyArray] }
            return [.value(plain(items[index]))]
        }
        return values(items[index], tail)
    }

    private static func position(_ s: String) -> Int? {
        guard let n = Int(s), n >= 0, String(n) == s else { return nil }
        return n
    }

    private static func plain(_ v: BSONValue) -> BSONValue {
        if case .undefined = v { return .null }
        return v
    }

    static func compare(_ a: Value, _ b: Value) -> Int {
        switch (a, b) {
        case (.emptyArray, .emptyArray): return 0
        case (.emptyArray, .value(let v)): return ReferenceOrder.rank(v) == 0 ? 1 : -1
        case (.value(let v), .emptyArray): return ReferenceOrder.rank(v) == 0 ? -1 : 1
        case (.value(let x), .value(let y)): return ReferenceOrder.compare(x, y)
        }
    }

    /// The value a document sorts by on `path`: the smallest reached value ascending, the largest
    /// descending.
    static func sortValue(_ doc: Document, _ path: String, ascending: Bool) -> Value {
        values(doc, path).reduce(nil as Value?) { best, next in
            guard let best else { return next }
            let c = compare(next, best)
            return (ascending ? c < 0 : c > 0) ? next : best
        }!
    }
}
