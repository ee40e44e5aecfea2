import BSON
import EngineQuery

/// One index of a collection as the catalog knows it. Its entries live in table `i<id>`.
struct IndexDescriptor: Sendable {
    let id: Int64
    let name: String
    let pattern: KeyPattern
    let unique: Bool
    let partialFilterExpression: Document?
    let partialFilter: Filter?
    /// Set for a text index, whose entries are (prefix…, term, score) rather than field values.
    let text: TextIndexSpec?
    /// Set once any indexed document had an array on an indexed path; multikey indexes are not used for
    /// range bounds or sorts, whose meaning over arrays differs from a plain key order.
    var multikey: Bool

    var table: String { "i\(id)" }
    var isIDIndex: Bool { name == "_id_" }

    init(id: Int64, spec: Document, multikey: Bool) throws(EngineError) {
        guard case .document(let key)? = spec["key"] else { throw EngineError(.badValue, "index spec needs a 'key' document") }
        guard case .string(let name)? = spec["name"] else { throw EngineError(.badValue, "index spec needs a 'name' string") }
        self.id = id
        self.name = name
        if TextIndexSpec.isText(key: key) {
            let text = try TextIndexSpec(spec: spec)
            self.text = text
            // The B-tree view of the normalised key, so key comparisons treat `_fts`/`_ftsx` as fields.
            let fields = text.prefix + [("_fts", true), ("_ftsx", true)] + text.suffix
            self.pattern = try KeyPattern(Document(fields.map { ($0.path, BSONValue.int32($0.ascending ? 1 : -1)) }))
        } else {
            self.text = nil
            self.pattern = try KeyPattern(key)
        }
        // The _id index is unique without saying so in its spec.
        self.unique = name == "_id_" || (spec["unique"].flatMap(\.truthValue) ?? false)
        if unique && text != nil {
            throw EngineError(.cannotCreateIndex, "unique text indexes are not supported by this server")
        }
        self.partialFilterExpression = spec["partialFilterExpression"]?.documentValue
        self.partialFilter = try partialFilterExpression.map { doc throws(EngineError) in try Filter(doc) }
        self.multikey = multikey
    }

    /// The spec as listIndexes reports it: `{v: 2, key, name, unique?, partialFilterExpression?}`.
    var spec: Document {
        var doc: Document = ["v": 2, "key": .document(text?.keyDocument ?? pattern.document), "name": .string(name)]
        if unique && !isIDIndex { doc.append("unique", true) }
        if let partialFilterExpression { doc.append("partialFilterExpression", .document(partialFilterExpression)) }
        for (option, value) in text?.options ?? [] { doc.append(option, value) }
        return doc
    }

    /// Whether this index holds an entry for `document` (partial indexes skip non-matching ones).
    func covers(_ document: Document) -> Bool {
        partialFilter?.matches(document) ?? true
    }

    /// Same key pattern and options, as createIndexes compares them.
    func hasSameDefinition(as other: IndexDescriptor) -> Bool {
        pattern == other.pattern && unique == other.unique && partialFilterExpression == other.partialFilterExpression
            && text == other.text
    }
}

extension BSONValue {
    /// MongoDB's truthiness for option values such as `unique: 1`.
    var truthValue: Bool? {
        switch self {
        case .bool(let b): b
        case .int32, .int64, .double: (doubleValue ?? 0) != 0
        case .null: false
        default: nil
        }
    }
}
