/// One part of an update path: a field name (or array position), or one of the positional forms.
enum UpdatePathPart: Sendable, Hashable {
    case field(String)
    /// `$`: the array position the query matched.
    case positional
    /// `$[]`: every element of the array.
    case allElements
    /// `$[identifier]`: the elements the array filter named `identifier` matches.
    case filtered(String)

    init(_ text: String) {
        if text == "$" {
            self = .positional
        } else if text == "$[]" {
            self = .allElements
        } else if text.hasPrefix("$["), text.hasSuffix("]") {
            self = .filtered(String(text.dropFirst(2).dropLast()))
        } else {
            self = .field(text)
        }
    }

    /// The part as written in the path.
    var text: String {
        switch self {
        case .field(let name): name
        case .positional: "$"
        case .allElements: "$[]"
        case .filtered(let identifier): "$[\(identifier)]"
        }
    }

    var isArraySelector: Bool {
        switch self {
        case .allElements, .filtered: true
        case .field, .positional: false
        }
    }
}

/// A dotted update path, checked the way MongoDB checks the paths an update names.
struct UpdatePath: Sendable, Hashable {
    let dotted: String
    let parts: [UpdatePathPart]

    init(_ dotted: String) throws(EngineError) {
        self.dotted = dotted
        guard !dotted.isEmpty else { throw EngineError(.updateEmptyFieldName, "An empty update path is not valid.") }
        let texts = dotted.dottedPathComponents().map(String.init)
        if texts.contains(where: \.isEmpty) {
            throw EngineError(
                .updateEmptyFieldName,
                "The update path '\(dotted)' contains an empty field name, which is not allowed.")
        }
        parts = texts.map(UpdatePathPart.init)
        let positionalCount = parts.filter { $0 == .positional }.count
        if positionalCount > 1 {
            throw EngineError(.badValue, "Too many positional (i.e. '$') elements found in path '\(dotted)'")
        }
        switch parts[0] {
        case .positional:
            throw EngineError(
                .badValue, "Cannot have positional (i.e. '$') element in the first position in path '\(dotted)'")
        case .allElements, .filtered:
            throw EngineError(
                .badValue,
                "Cannot have array filter identifier (i.e. '$[<id>]') element in the first position in path '\(dotted)'")
        case .field(let name) where name.hasPrefix("$"):
            // Storage never holds a top-level `$` field; deeper ones are allowed since MongoDB 5.0.
            throw EngineError(
                .storageDollarPrefixedFieldName,
                "The dollar ($) prefixed field '\(name)' in '\(dotted)' is not valid for storage.")
        case .field:
            break
        }
    }

    /// True for `$`, `$[]` and `$[id]` paths, whose target depends on the document.
    var isDynamic: Bool {
        parts.contains { part in
            if case .field = part { return false }
            return true
        }
    }

    /// The field names in order, for a path without positional parts.
    var fieldNames: [String] {
        parts.map { part in
            if case .field(let name) = part { return name }
            return ""
        }
    }

    /// The first `count` parts, dotted.
    func prefix(_ count: Int) -> String { parts.prefix(count).map(\.text).joined(separator: ".") }

    /// True when `self` equals `other` or is one of its prefixes, part by part.
    func isPrefix(of other: UpdatePath) -> Bool {
        parts.count <= other.parts.count && zip(parts, other.parts).allSatisfy { $0 == $1 }
    }
}
