import BSON

/// The `arrayFilters` of an update: one compiled filter per identifier, for `$[identifier]` paths.
struct ArrayFilterSet: Sendable {
    private(set) var filters: [String: Filter] = [:]

    init(_ documents: [Document]?) throws(EngineError) {
        for document in documents ?? [] {
            let root = try FilterParser.parse(document)
            var names: [String] = []
            Self.collectTopLevelNames(root, into: &names)
            guard let identifier = names.first else {
                throw EngineError(.failedToParse, "Cannot use an expression without a top-level field name in arrayFilters")
            }
            if let other = names.first(where: { $0 != identifier }) {
                throw EngineError(
                    .failedToParse,
                    "Error parsing array filter :: caused by :: Expected a single top-level field name, found '\(identifier)' and '\(other)'")
            }
            guard Self.isValidIdentifier(identifier) else {
                throw EngineError(
                    .badValue,
                    "Error parsing array filter :: caused by :: The top-level field name must be an alphanumeric string beginning with a lowercase letter, found '\(identifier)'")
            }
            guard filters[identifier] == nil else {
                throw EngineError(
                    .failedToParse, "Found multiple array filters with the same top-level field name \(identifier)")
            }
            filters[identifier] = try Filter(root)
        }
    }

    /// Whether `element` passes the filter for `identifier` (which must exist): the element stands in
    /// for the identifier, so `{x: {$gt: 1}}` tests the element and `{"x.a": 1}` its field `a`.
    func matches(_ identifier: String, _ element: BSONValue) -> Bool {
        filters[identifier]?.matches(Document([(identifier, element)])) ?? false
    }

    private static func collectTopLevelNames(_ node: FilterNode, into names: inout [String]) {
        switch node {
        case .and(let children), .or(let children), .nor(let children):
            for child in children { collectTopLevelNames(child, into: &names) }
        case .field(let path, _):
            let first = path.dottedPathComponents().first.map(String.init) ?? path
            if !names.contains(first) { names.append(first) }
        case .alwaysTrue, .expr, .text:
            break
        }
    }

    /// MongoDB's rule for identifiers: a lowercase ASCII letter, then ASCII letters and digits.
    private static func isValidIdentifier(_ name: String) -> Bool {
        guard let first = name.utf8.first, first >= 0x61, first <= 0x7A else { return false }
        return name.utf8.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x61 && $0 <= 0x7A) }
    }
}
