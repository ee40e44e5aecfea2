import BSON

/// A `FilterNode` with paths split and predicates compiled, evaluated against whole documents.
indirect enum CompiledNode: Sendable {
    case and([CompiledNode])
    case or([CompiledNode])
    case nor([CompiledNode])
    case field(FieldPath, CompiledPredicate)
    case alwaysTrue

    init(_ node: FilterNode) throws(EngineError) {
        switch node {
        case .and(let children): self = .and(try Self.compileAll(children))
        case .or(let children): self = .or(try Self.compileAll(children))
        case .nor(let children): self = .nor(try Self.compileAll(children))
        case .field(let path, let predicate): self = .field(FieldPath(path), try CompiledPredicate(predicate))
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

    func matches(_ document: Document) -> Bool {
        switch self {
        case .and(let children): children.allSatisfy { $0.matches(document) }
        case .or(let children): children.contains { $0.matches(document) }
        case .nor(let children): !children.contains { $0.matches(document) }
        case .field(let path, let predicate): predicate.matches(document, at: path)
        case .alwaysTrue: true
        }
    }
}
