import BSON

/// A projection: `find`'s `projection`, aggregation's `$project`, `$addFields`/`$set` and `$unset`.
///
/// Inclusion keeps the listed paths (and `_id` unless excluded) and adds computed fields; exclusion
/// removes the listed paths; `$addFields` computes fields into the document as it is. Dotted paths reach
/// into embedded documents and into the documents inside arrays. Computed fields are aggregation
/// expressions evaluated against the whole document (`$$ROOT`); one that is missing (`$$REMOVE`) is left
/// out. Find projections also take `$slice` and `$elemMatch`.
public struct Projection: Sendable {
    public enum Mode: Sendable { case inclusion, exclusion, addFields }
    /// Where the specification comes from: find operators (`$slice`, `$elemMatch`) exist only in find,
    /// and `$project` may not be empty.
    public enum Kind: Sendable { case find, aggregation }

    public let mode: Mode
    private let tree: ProjectionTree
    /// Fields that receive a `$text` query's score (`{score: {$meta: "textScore"}}`).
    private var textScoreFields: [String] = []
    /// The array a find's positional projection (`{"grades.$": 1}`) cuts to the element the query matched.
    private var positionalPath: [String]?

    public init(_ document: Document, kind: Kind = .find) throws(EngineError) {
        if kind == .aggregation && document.isEmpty {
            throw EngineError(.emptyProjection, "Invalid $project :: caused by :: projection specification must have at least one field")
        }
        var rest: [(String, BSONValue)] = []
        var textScoreFields: [String] = []
        var positionalPath: [String]?
        for (path, value) in document.elements {
            if kind == .find, let array = Self.positionalArray(path) {
                guard positionalPath == nil else {
                    throw EngineError(.badValue, "Cannot specify more than one positional proj. per query.")
                }
                guard Truth.isTrue(value), value.isNumber || value.typeName == "bool" else {
                    throw EngineError(.badValue, "Cannot exclude array elements with the positional operator.")
                }
                positionalPath = array.dottedPathComponents().map(String.init)
                rest.append((array, value))
                continue
            }
            guard let meta = TextScore.meta(value) else {
                rest.append((path, value))
                continue
            }
            guard meta.isTextScore else {
                throw EngineError(.unsupportedMetaArgument, "Unsupported argument to $meta: \(meta.argument)")
            }
            try ProjectionBuilder.validate(path: path)
            if path.contains(".") {
                throw EngineError(.badValue, "$meta projections into embedded fields are not supported: '\(path)'")
            }
            textScoreFields.append(path)
        }
        var builder = ProjectionBuilder(kind: kind)
        try builder.add(Document(rest), prefix: "")
        let resolved = builder.mode ?? (builder.includeID == true ? .inclusion : .exclusion)
        var tree = builder.tree
        let idFollowsDefault = !tree.mentionsSubpath(of: "_id")
        switch resolved {
        case .inclusion where tree.node("_id") == nil && (builder.includeID ?? idFollowsDefault):
            try tree.insert("_id", .include)
        case .exclusion where builder.includeID == false:
            try tree.insert("_id", .exclude)
        default:
            break
        }
        mode = resolved
        self.tree = tree
        self.textScoreFields = textScoreFields
        self.positionalPath = positionalPath
    }

    /// "a.b.$" names the array "a.b"; a `$` anywhere else is not a positional projection.
    private static func positionalArray(_ path: String) -> String? {
        guard path.hasSuffix(".$") else { return nil }
        let array = String(path.dropLast(2))
        return array.isEmpty || array.unicodeScalars.contains("$") ? nil : array
    }

    /// Whether applying needs the array position the query matched (see `apply(_:matchedArrayIndex:)`).
    public var usesPositional: Bool { positionalPath != nil }

    /// The projected document, with a positional projection's array cut to the element at
    /// `matchedArrayIndex` (from `Filter.matchedArrayIndex(in:)` on the original document).
    public func apply(_ document: Document, matchedArrayIndex: Int?) throws(EngineError) -> Document {
        let projected = try apply(document)
        guard let positionalPath else { return projected }
        guard let index = matchedArrayIndex else {
            throw EngineError(.positionalProjectionMismatch,
                "Executor error during find command :: caused by :: positional operator '.$' couldn't find a matching element in the array")
        }
        return try PositionalProjection.keep(index, atPath: positionalPath[...], in: projected)
    }

    public var usesTextScore: Bool { !textScoreFields.isEmpty }

    /// `$addFields` / `$set`: every value is an expression (a number sets the number), and nested
    /// documents without operators merge into embedded documents.
    public init(addingFields document: Document) throws(EngineError) {
        var tree = ProjectionTree()
        try Self.addComputed(document, prefix: "", into: &tree)
        mode = .addFields
        self.tree = tree
    }

    /// `$unset`: the listed paths removed.
    public init(removing paths: [String]) throws(EngineError) {
        var tree = ProjectionTree()
        for path in paths {
            try ProjectionBuilder.validate(path: path)
            try tree.insert(path, .exclude)
        }
        mode = .exclusion
        self.tree = tree
    }

    private static func addComputed(_ document: Document, prefix: String, into tree: inout ProjectionTree) throws(EngineError) {
        for (key, value) in document.elements {
            try ProjectionBuilder.validate(path: key)
            let path = prefix + key
            if case .document(let sub) = value, !sub.isEmpty, !(sub.keys.first?.hasPrefix("$") ?? false) {
                try addComputed(sub, prefix: path + ".", into: &tree)
            } else {
                try tree.insert(path, .computed(try Expression(value)))
            }
        }
    }

    /// The projected document.
    public func apply(_ document: Document) throws(EngineError) -> Document {
        let out = switch mode {
        case .inclusion: try tree.keep(in: document, root: document)
        case .exclusion: tree.remove(from: document)
        case .addFields: try tree.add(to: document, root: document)
        }
        guard !textScoreFields.isEmpty else { return out }
        // The score a `$text` read attached to the document, moved to the fields that ask for it.
        let score = BSONValue.double(document[TextScore.field]?.doubleValue ?? 0)
        return textScoreFields.reduce(out) { $0.removing($1).appending($1, score) }
    }
}

/// Reads a projection specification entry by entry, working out the mode as MongoDB does: an included,
/// computed or `$elemMatch` field makes it an inclusion, an excluded one (other than `_id`) an exclusion.
private struct ProjectionBuilder {
    let kind: Projection.Kind
    var mode: Projection.Mode?
    var includeID: Bool?
    var tree = ProjectionTree()

    init(kind: Projection.Kind) { self.kind = kind }

    mutating func add(_ document: Document, prefix: String) throws(EngineError) {
        for (key, value) in document.elements {
            try Self.validate(path: key)
            let path = prefix + key
            switch value {
            case .bool, .int32, .int64, .double, .decimal128:
                let include = Truth.isTrue(value)
                if path == "_id" {
                    includeID = include
                    continue
                }
                try setMode(include ? .inclusion : .exclusion, path: path)
                try tree.insert(path, include ? .include : .exclude)
            case .document(let sub) where sub.isEmpty:
                throw EngineError(.emptySubProjection, "An empty sub-projection is not a valid value. Found empty object at path")
            case .document(let sub) where sub.keys.first?.hasPrefix("$") == true:
                try addOperator(sub, path: path, nested: !prefix.isEmpty)
            case .document(let sub):
                try add(sub, prefix: path + ".")
            default:
                try setMode(.inclusion, path: path, computed: true)
                try tree.insert(path, .computed(try Expression(value)))
            }
        }
    }

    private mutating func addOperator(_ spec: Document, path: String, nested: Bool) throws(EngineError) {
        let name = spec.keys[0]
        if kind == .find && spec.count == 1 && name == "$slice" {
            let (skip, limit) = try Self.sliceArguments(spec.values[0])
            try tree.insert(path, .slice(skip: skip, limit: limit))
            return
        }
        if kind == .find && spec.count == 1 && name == "$elemMatch" {
            guard case .document(let condition) = spec.values[0] else {
                throw EngineError(.badValue, "elemMatch: Invalid argument, object required, but got \(spec.values[0].typeName)")
            }
            if nested || path.unicodeScalars.contains(".") {
                throw EngineError(.badValue, "Cannot use $elemMatch projection on a nested field.")
            }
            let filter = try Filter(["e": ["$elemMatch": .document(condition)]])
            try setMode(.inclusion, path: path)
            try tree.insert(path, .elemMatch(filter))
            return
        }
        if name == "$meta" { throw EngineError(.badValue, "$meta is not supported by this server") }
        try setMode(.inclusion, path: path, computed: true)
        try tree.insert(path, .computed(try Expression(.document(spec))))
    }

    private mutating func setMode(_ wanted: Projection.Mode, path: String, computed: Bool = false) throws(EngineError) {
        switch (mode, wanted) {
        case (nil, _):
            mode = wanted
        case (.exclusion?, .inclusion) where computed:
            throw EngineError(.expressionInExclusionProjection, "Invalid $project :: caused by :: Cannot use expression other than $meta in exclusion projection")
        case (.inclusion?, .exclusion):
            throw EngineError(.exclusionInInclusionProjection, "Cannot do exclusion on field \(path) in inclusion projection")
        case (.exclusion?, .inclusion):
            throw EngineError(.inclusionInExclusionProjection, "Cannot do inclusion on field \(path) in exclusion projection")
        default:
            break
        }
    }

    /// `$slice: n` or `$slice: [skip, limit]`.
    static func sliceArguments(_ value: BSONValue) throws(EngineError) -> (Int?, Int) {
        switch value {
        case let n where n.isNumber:
            return (nil, Int(clamping: FilterParser.truncatedInteger(n) ?? 0))
        case .array(let items):
            guard items.count == 2 else { throw EngineError(.badValue, "$slice array wrong size") }
            guard items[0].isNumber, items[1].isNumber else {
                throw EngineError(.badValue, "$slice only supports numbers and [skip, limit] arrays")
            }
            let limit = Int(clamping: FilterParser.truncatedInteger(items[1]) ?? 0)
            guard limit > 0 else { throw EngineError(.badValue, "$slice limit must be positive") }
            return (Int(clamping: FilterParser.truncatedInteger(items[0]) ?? 0), limit)
        default:
            throw EngineError(.badValue, "$slice only supports numbers and [skip, limit] arrays")
        }
    }

    static func validate(path: String) throws(EngineError) {
        if path.isEmpty { throw EngineError(.emptyFieldPath, "FieldPath cannot be constructed with empty string") }
        for component in path.dottedPathComponents() {
            if component.isEmpty { throw EngineError(.emptyFieldName, "FieldPath field names may not be empty strings.") }
            if component.hasPrefix("$") {
                throw EngineError(.dollarPrefixedFieldName, "FieldPath field names may not start with '$'. Consider using $getField or $setField.")
            }
        }
    }
}
