import BSON
import EngineQuery

/// A command's `let` parameters: constants that its aggregation expressions reach as `$$name`. Each is
/// evaluated once, then written into the filter (inside `$expr` only, as in MongoDB: elsewhere a
/// "$$name" string in a query is a plain string) and the pipeline stages as a `$literal`, so the
/// expression engine sees an ordinary constant and no variable scope has to travel with the command.
struct LetVariables: Sendable {
    private let values: [String: BSONValue]

    static let none = LetVariables(values: [:])

    private init(values: [String: BSONValue]) { self.values = values }

    init(_ value: BSONValue?) throws(EngineError) {
        guard let value else { self.init(values: [:]); return }
        guard case .document(let definitions) = value else {
            throw EngineError(.typeMismatch, "BSON field 'let' is the wrong type '\(value.typeName)', expected type 'object'")
        }
        var values: [String: BSONValue] = [:]
        for (name, definition) in definitions {
            try Self.validate(name)
            values[name] = try Expression(definition).evaluate(Document()) ?? .null
        }
        self.init(values: values)
    }

    /// MongoDB's rule for user variable names: a lowercase ASCII letter or a non-ASCII character first,
    /// then letters, digits, `_` or non-ASCII.
    private static func validate(_ name: String) throws(EngineError) {
        guard let first = name.unicodeScalars.first else {
            throw EngineError(.failedToParse, "empty variable names are not allowed")
        }
        guard (first >= "a" && first <= "z") || !first.isASCII else {
            throw EngineError(.failedToParse, "'\(name)' starts with an invalid character for a user variable name")
        }
        for scalar in name.unicodeScalars where scalar.isASCII && !(scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "_") {
            throw EngineError(.failedToParse, "'\(name)' contains an invalid character for a variable name: '\(scalar)'")
        }
    }

    var isEmpty: Bool { values.isEmpty }

    /// A query filter with the variables written into its `$expr` parts.
    func filter(_ document: Document) -> Document {
        guard !isEmpty else { return document }
        return Document(document.elements.map { key, value in
            switch (key, value) {
            case ("$expr", _): (key, expression(value))
            case ("$and", .array(let items)), ("$or", .array(let items)), ("$nor", .array(let items)):
                (key, .array(items.map { item in item.documentValue.map { .document(filter($0)) } ?? item }))
            default: (key, value)
            }
        })
    }

    /// Pipeline stages with the variables written in: every expression, and the `$expr` of a `$match`.
    func pipeline(_ stages: [Document]) -> [Document] {
        guard !isEmpty else { return stages }
        return stages.map { stage in
            if case .document(let match)? = stage["$match"], stage.count == 1 { return ["$match": .document(filter(match))] }
            return expression(.document(stage)).documentValue ?? stage
        }
    }

    /// An aggregation expression (or a document of them) with each `$$name` / `$$name.path` replaced.
    func expression(_ value: BSONValue) -> BSONValue {
        guard !isEmpty else { return value }
        switch value {
        case .string(let text) where text.hasPrefix("$$"):
            let reference = text.dropFirst(2).split(separator: ".", omittingEmptySubsequences: false).map(String.init)
            guard let name = reference.first, let root = values[name] else { return value }
            let reached = reference.dropFirst().reduce(Optional(root)) { current, component in
                current?.documentValue?[component]
            }
            // A path the variable does not have is missing, which `$$REMOVE` stands for.
            return reached.map { .document(["$literal": $0]) } ?? .string("$$REMOVE")
        case .document(let document):
            if document.count == 1, document.keys.first == "$literal" { return value }
            return .document(Document(document.elements.map { ($0.key, expression($0.value)) }))
        case .array(let items):
            return .array(items.map(expression))
        default:
            return value
        }
    }
}
