/// Where a filter may hold `$text`, with MongoDB's refusals: at most one, never under `$nor` or inside
/// `$elemMatch`. Under `$or` MongoDB needs every other branch indexed; this engine refuses it outright.
enum TextPlacement {
    /// The filter's `$text` query, if it has one in an allowed place.
    static func locate(_ root: FilterNode) throws(EngineError) -> TextQuery? {
        var found: [(TextQuery, underNor: Bool, underOr: Bool)] = []
        try collect(root, underNor: false, underOr: false, into: &found)
        if found.count > 1 { throw EngineError(.badValue, "Too many text expressions") }
        guard let (query, underNor, underOr) = found.first else { return nil }
        if underNor { throw EngineError(.badValue, "text expression not allowed in nor") }
        if underOr {
            throw EngineError(.noQueryExecutionPlans,
                "error processing query: planner returned error :: caused by :: Failed to produce a solution for TEXT under OR - other non-TEXT clauses under OR have to be indexed as well.")
        }
        return query
    }

    private static func collect(
        _ node: FilterNode, underNor: Bool, underOr: Bool, into found: inout [(TextQuery, underNor: Bool, underOr: Bool)]
    ) throws(EngineError) {
        switch node {
        case .text(let query):
            found.append((query, underNor, underOr))
        case .and(let children):
            for child in children { try collect(child, underNor: underNor, underOr: underOr, into: &found) }
        case .or(let children):
            for child in children { try collect(child, underNor: underNor, underOr: true, into: &found) }
        case .nor(let children):
            for child in children { try collect(child, underNor: true, underOr: underOr, into: &found) }
        case .field(_, let predicate):
            if containsText(predicate) {
                throw EngineError(.badValue, "$text can only be applied to the top-level document")
            }
        default:
            break
        }
    }

    private static func containsText(_ predicate: FieldPredicate) -> Bool {
        switch predicate {
        case .not(let inner): containsText(inner)
        case .and(let inner): inner.contains(where: containsText)
        case .elemMatchObject(let node): containsText(node)
        default: false
        }
    }

    private static func containsText(_ node: FilterNode) -> Bool {
        switch node {
        case .text: true
        case .and(let children), .or(let children), .nor(let children): children.contains(where: containsText)
        case .field(_, let predicate): containsText(predicate)
        default: false
        }
    }
}
