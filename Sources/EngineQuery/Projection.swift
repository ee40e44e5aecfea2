import BSON

/// A find projection: either the listed paths are kept (inclusion) or removed (exclusion). `_id` is
/// kept unless excluded, in either mode. Dotted paths reach into embedded documents and into the
/// documents inside arrays. Projection operators ($slice, $elemMatch, positional `$`) and computed
/// fields are not supported.
public struct Projection: Sendable {
    public enum Mode: Sendable { case inclusion, exclusion }

    public let mode: Mode
    private let tree: ProjectionTree
    /// Fields that receive `{$meta: "textScore"}`; they do not make the projection inclusive.
    private let textScoreFields: [String]

    public init(_ document: Document) throws(EngineError) {
        var mode: Mode?
        var includeID: Bool?
        var tree = ProjectionTree()
        var textScoreFields: [String] = []
        for (path, value) in document.elements {
            if let meta = TextScore.meta(value) {
                guard meta.isTextScore else {
                    throw EngineError(.unsupportedMetaArgument, "Unsupported argument to $meta: \(meta.argument)")
                }
                try Self.validate(path: path)
                if path.contains(".") {
                    throw EngineError(.badValue, "$meta projections into embedded fields are not supported: '\(path)'")
                }
                textScoreFields.append(path)
                continue
            }
            guard let include = Self.flag(value) else {
                throw EngineError(.badValue, 
                    "Projection operators and computed fields are not supported: '\(path)' is not 0, 1, true or false")
            }
            try Self.validate(path: path)
            if path == "_id" {
                includeID = include
                continue
            }
            switch (mode, include) {
            case (nil, _):
                mode = include ? .inclusion : .exclusion
            case (.inclusion?, false):
                throw EngineError(.exclusionInInclusionProjection, "Cannot do exclusion on field \(path) in inclusion projection")
            case (.exclusion?, true):
                throw EngineError(.inclusionInExclusionProjection, "Cannot do inclusion on field \(path) in exclusion projection")
            default:
                break
            }
            try tree.insert(path)
        }
        // Only `_id` listed: `{_id: 1}` keeps just it, `{_id: 0}` drops just it.
        let resolved = mode ?? (includeID == true ? .inclusion : .exclusion)
        let idFollowsDefault = !tree.mentionsSubpath(of: "_id")
        switch resolved {
        case .inclusion where includeID ?? idFollowsDefault:
            try tree.insert("_id")
        case .exclusion where includeID == false:
            try tree.insert("_id")
        default:
            break
        }
        self.mode = resolved
        self.tree = tree
        self.textScoreFields = textScoreFields
    }

    public var usesTextScore: Bool { !textScoreFields.isEmpty }

    /// 0/1 as any number, or a boolean.
    private static func flag(_ value: BSONValue) -> Bool? {
        switch value {
        case .bool(let b): b
        case .int32(let v): v != 0
        case .int64(let v): v != 0
        case .double(let v): v != 0
        case .decimal128(let d): d.approximateDouble != 0
        default: nil
        }
    }

    private static func validate(path: String) throws(EngineError) {
        if path.isEmpty { throw EngineError(.emptyFieldPath, "FieldPath cannot be constructed with empty string") }
        for component in path.dottedPathComponents() {
            if component.isEmpty { throw EngineError(.emptyFieldName, "FieldPath field names may not be empty strings.") }
            if component.hasPrefix("$") {
                throw EngineError(.dollarPrefixedFieldName, "FieldPath field names may not start with '$'. Consider using $getField or $setField.")
            }
        }
    }

    public func apply(_ document: Document) -> Document {
        let out = switch mode {
        case .inclusion: tree.keep(in: document)
        case .exclusion: tree.remove(from: document)
        }
        guard !textScoreFields.isEmpty else { return out }
        // The score a `$text` read attached to the document, moved to the fields that ask for it.
        let score = BSONValue.double(document[TextScore.field]?.doubleValue ?? 0)
        return textScoreFields.reduce(out) { $0.removing($1).appending($1, score) }
    }
}
