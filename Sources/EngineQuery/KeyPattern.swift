import BSON

/// An ascending/descending B-tree index key pattern such as `{user: 1, sentAt: -1}`.
/// Any positive number means ascending and any negative number descending, as MongoDB accepts;
/// special index types ("text", "2dsphere", "hashed"...) are not supported.
public struct KeyPattern: Sendable, Equatable {
    public let fields: [(path: String, ascending: Bool)]
    let paths: [FieldPath]

    public init(_ document: Document) throws(EngineError) {
        var fields: [(path: String, ascending: Bool)] = []
        var seen: Set<String> = []
        for (path, value) in document.elements {
            try Self.validate(path: path)
            guard seen.insert(path).inserted else {
                throw EngineError(.cannotCreateIndex, "Index key pattern contains the field '\(path)' more than once")
            }
            fields.append((path, try Self.direction(path: path, value)))
        }
        if fields.isEmpty { throw EngineError(.cannotCreateIndex, "Index keys cannot be empty.") }
        self.fields = fields
        paths = fields.map { FieldPath($0.path) }
    }

    /// The pattern as stored in index specs: `{path: 1 | -1}` with int32 values.
    public var document: Document {
        Document(fields.map { ($0.path, BSONValue.int32($0.ascending ? 1 : -1)) })
    }

    public var ascending: [Bool] { fields.map(\.ascending) }

    public static func == (a: KeyPattern, b: KeyPattern) -> Bool {
        a.fields.count == b.fields.count
            && zip(a.fields, b.fields).allSatisfy { $0.path == $1.path && $0.ascending == $1.ascending }
    }

    private static func validate(path: String) throws(EngineError) {
        if path.isEmpty { throw EngineError(.cannotCreateIndex, "Index keys cannot be an empty field.") }
        for component in path.dottedPathComponents() {
            if component.isEmpty {
                throw EngineError(.cannotCreateIndex, "Index keys cannot contain an empty field name: '\(path)'")
            }
            if component.hasPrefix("$") {
                throw EngineError(.cannotCreateIndex, 
                    "Index key contains an illegal field name: field name starts with '$'. Key: '\(path)'")
            }
        }
    }

    private static func direction(path: String, _ value: BSONValue) throws(EngineError) -> Bool {
        switch value {
        case .string(let type):
            throw EngineError(.cannotCreateIndex, "Index type '\(type)' on field '\(path)' is not supported by this server")
        case .int32, .int64, .double, .decimal128:
            switch NumericKey(value)?.kind {
            case .positive?, .positiveInfinity?: return true
            case .negative?, .negativeInfinity?: return false
            case .zero?: throw EngineError(.cannotCreateIndex, "Values in the index key pattern can't be 0: '\(path)'")
            default: throw EngineError(.cannotCreateIndex, "Values in the index key pattern can't be NaN: '\(path)'")
            }
        default:
            throw EngineError(.cannotCreateIndex, 
                "Values in v:2 index key pattern cannot be of type \(value.typeName). Only numbers > 0, "
                    + "numbers < 0, and strings are allowed: '\(path)'")
        }
    }
}
