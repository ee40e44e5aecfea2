import BSON

/// A `sort` specification: documents compare key by key in BSON order.
///
/// Each key's value is what the path reaches, as for an index: a missing field sorts as null, and a
/// field holding an array sorts by its smallest element when ascending and its largest when
/// descending (elements reached through arrays of documents count too). An empty array sorts before
/// null, as MongoDB documents.
public struct SortSpec: Sendable {
    public let keys: [(path: String, ascending: Bool)]
    private let paths: [FieldPath]

    public init(_ document: Document) throws(EngineError) {
        var keys: [(path: String, ascending: Bool)] = []
        for (path, value) in document.elements {
            if let meta = TextScore.meta(value) {
                // Best matches first, whatever the key is called.
                guard meta.isTextScore else {
                    throw EngineError(.illegalMetaSort, "Illegal $meta sort: $meta: \"\(meta.argument)\"")
                }
                keys.append((TextScore.field, false))
                continue
            }
            guard let direction = Self.direction(value) else {
                throw EngineError(.badValue, "$sort key ordering must be 1 (for ascending) or -1 (for descending)")
            }
            if path.isEmpty { throw EngineError(.emptyFieldPath, "FieldPath cannot be constructed with empty string") }
            keys.append((path, direction))
        }
        self.keys = keys
        paths = keys.map { FieldPath($0.path) }
    }

    /// Whether the sort asks for `{$meta: "textScore"}`.
    public var usesTextScore: Bool { keys.contains { $0.path == TextScore.field } }

    /// 1 or -1 as int32, int64 or double.
    private static func direction(_ value: BSONValue) -> Bool? {
        switch value {
        case .int32(1), .int64(1), .double(1): true
        case .int32(-1), .int64(-1), .double(-1): false
        default: nil
        }
    }

    /// The values `document` sorts by, one per key. Compute once per document when sorting many.
    public func sortKey(for document: Document) -> [BSONValue] {
        zip(paths, keys).map { path, key in
            let values = KeyValueExtraction.values(for: document, path: path)
            var best = values[0]
            for value in values.dropFirst() {
                let order = Self.compareKeyValues(value, best)
                if key.ascending ? order < 0 : order > 0 { best = value }
            }
            return best
        }
    }

    /// Compares two results of `sortKey(for:)`: -1, 0 or 1.
    public func compareKeys(_ a: [BSONValue], _ b: [BSONValue]) -> Int {
        for (index, key) in keys.enumerated() {
            let order = Self.compareKeyValues(a[index], b[index])
            if order != 0 { return key.ascending ? order : -order }
        }
        return 0
    }

    /// -1, 0 or 1 as `a` sorts before, with or after `b`.
    public func compare(_ a: Document, _ b: Document) -> Int {
        compareKeys(sortKey(for: a), sortKey(for: b))
    }

    /// The documents in sort order; ties keep their input order.
    public func sorted(_ documents: [Document]) -> [Document] {
        let keyed = documents.enumerated().map { (offset: $0.offset, key: sortKey(for: $0.element), doc: $0.element) }
        return keyed.sorted { x, y in
            let order = compareKeys(x.key, y.key)
            return order != 0 ? order < 0 : x.offset < y.offset
        }.map(\.doc)
    }

    /// BSON order, except that `.undefined`, which key extraction uses only for an empty array, sorts
    /// between MinKey and null.
    private static func compareKeyValues(_ a: BSONValue, _ b: BSONValue) -> Int {
        switch (a, b) {
        case (.undefined, .undefined): return 0
        case (.undefined, .minKey): return 1
        case (.undefined, _): return -1
        case (.minKey, .undefined): return -1
        case (_, .undefined): return 1
        default: return BSONOrder.compare(a, b)
        }
    }
}
