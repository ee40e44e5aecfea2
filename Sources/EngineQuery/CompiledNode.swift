import BSON

/// A `FilterNode` with paths split and predicates compiled, evaluated against whole documents.
indirect enum CompiledNode: Sendable {
    case and([CompiledNode])
    case or([CompiledNode])
    case nor([CompiledNode])
    case field(FieldPath, CompiledPredicate)
    case expr(Expression)
    case alwaysTrue

    init(_ node: FilterNode) throws(EngineError) {
        switch node {
        case .and(let children): self = .and(try Self.compileAll(children))
        case .or(let children): self = .or(try Self.compileAll(children))
        case .nor(let children): self = .nor(try Self.compileAll(children))
        case .field(let path, let predicate): self = .field(FieldPath(path), try CompiledPredicate(predicate))
        case .expr(let expression): self = .expr(expression)
        case .alwaysTrue: self = .alwaysTrue
        // The text index's lookup and `TextMatcher` decide `$text`; the rest of the filter is matched here.
        case .text: self = .alwaysTrue
        }
    }

    private static func compileAll(_ nodes: [FilterNode]) throws(EngineError) -> [CompiledNode] {
        var out: [CompiledNode] = []
        for node in nodes { out.append(try CompiledNode(node)) }
        return out
    }

    /// Only `$expr` can fail (a `$divide` by zero, a failed conversion…); the query then fails with it.
    func evaluate(_ document: Document) throws(EngineError) -> Bool {
        switch self {
        case .and(let children):
            for child in children where try !child.evaluate(document) { return false }
            return true
        case .or(let children):
            for child in children where try child.evaluate(document) { return true }
            return false
        case .nor(let children):
            for child in children where try child.evaluate(document) { return false }
            return true
        case .field(let path, let predicate):
            return predicate.matches(document, at: path)
        case .expr(let expression):
            return Truth.isTrue(try expression.evaluate(document))
        case .alwaysTrue:
            return true
        }
    }

    /// For nodes that cannot hold `$expr` (inside `$elemMatch`), or callers that treat a failing `$expr`
    /// as no match.
    func matches(_ document: Document) -> Bool {
        (try? evaluate(document)) ?? false
    }
}
