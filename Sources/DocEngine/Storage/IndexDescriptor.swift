import BSON
import EngineQuery

/// One index of a collection as the catalog knows it. Its entries live in table `i<id>`.
struct IndexDescriptor: Sendable {
    let id: Int64
    let name: String
    let pattern: KeyPattern
    let unique: Bool
    let sparse: Bool
    /// The documents this index holds: the declared partial filter, or for a sparse index the documents
    /// that have one of its fields (`$exists`, which the planner already understands).
    let partialFilterExpression: Document?
    let partialFilter: Filter?
    /// The partial filter as createIndexes was given it, and every other option given (sparse, and those
    /// other index types add), kept so listIndexes shows the index as it was created.
    let declaredPartialFilter: Document?
    let options: Document
    /// The index version (1 or 2) and the key pattern exactly as given (`{a: NumberLong(1)}` stays so).
    let version: Int32
    let declaredKey: Document
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
        self.declaredKey = key
        self.version = spec["v"]?.integerValue.flatMap { Int32(exactly: $0) } ?? 2
        // The _id index is unique without saying so in its spec.
        self.unique = name == "_id_" || (spec["unique"].flatMap(\.truthValue) ?? false)
        if unique && text != nil {
            throw EngineError(.cannotCreateIndex, "unique text indexes are not supported by this server")
        }
        self.sparse = spec["sparse"].flatMap(\.truthValue) ?? false
        self.declaredPartialFilter = spec["partialFilterExpression"]?.documentValue
        self.partialFilterExpression = declaredPartialFilter ?? (sparse ? Self.sparseFilter(pattern) : nil)
        // A text index's own options are reported in their normalised form (from `text`), not as given.
        let described = text == nil ? Self.describedFields : Self.describedFields.union(TextIndexSpec.optionNames)
        self.options = Document(spec.elements.filter { !described.contains($0.key) }.map { ($0.key, $0.value) })
        self.partialFilter = try partialFilterExpression.map { doc throws(EngineError) in try Filter(doc) }
        self.multikey = multikey
    }

    /// Spec fields the descriptor holds in typed form; every other field is kept in `options` as given.
    static let describedFields: Set<String> = ["v", "key", "name", "unique", "partialFilterExpression"]

    /// The spec as listIndexes reports it: `{v, key, name, unique?, partialFilterExpression?, …options}`.
    var spec: Document {
        var doc: Document = ["v": .int32(version), "key": .document(text?.keyDocument ?? declaredKey), "name": .string(name)]
        if unique && !isIDIndex { doc.append("unique", true) }
        if let declaredPartialFilter { doc.append("partialFilterExpression", .document(declaredPartialFilter)) }
        for (key, value) in options.elements { doc.append(key, value) }
        for (option, value) in text?.options ?? [] { doc.append(option, value) }
        return doc
    }

    /// A sparse index holds the documents that have at least one of its fields.
    private static func sparseFilter(_ pattern: KeyPattern) -> Document {
        let exists = pattern.fields.map { Document([($0.path, BSONValue.document(["$exists": true]))]) }
        if exists.count == 1, let only = exists.first { return only }
        return ["$or": .array(exists.map(BSONValue.document))]
    }

    /// Whether this index holds an entry for `document` (partial indexes skip non-matching ones).
    func covers(_ document: Document) -> Bool {
        partialFilter?.matches(document) ?? true
    }

    /// Same key pattern and options, as createIndexes compares them.
    func hasSameDefinition(as other: IndexDescriptor) -> Bool {
        pattern == other.pattern && unique == other.unique && partialFilterExpression == other.partialFilterExpression
            && options == other.options && text == other.text
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
