import BSON

/// A query filter parsed and compiled once, then matched against many documents.
///
/// Semantics follow MongoDB: dotted paths step into documents and fan out over arrays (see
/// `PathTraversal`), equality with an array field holds if an element or the whole array is equal,
/// comparisons only match values of the operand's type bracket, `{a: null}` matches null, undefined
/// and missing, and `$ne`/`$nin`/`$not` negate their positive form over all reached values.
public struct Filter: Sendable {
    public let root: FilterNode
    /// The filter's `$text` query, if any.
    public let text: TextQuery?
    let compiled: CompiledNode

    public init(_ document: Document) throws(EngineError) {
        try self.init(FilterParser.parse(document))
    }

    /// Compiles a filter tree built by hand (for example by a planner rewriting a query).
    public init(_ root: FilterNode) throws(EngineError) {
        self.root = root
        text = try TextPlacement.locate(root)
        compiled = try CompiledNode(root)
    }

    /// Whether `document` matches. A `$expr` that fails to evaluate counts as no match here; query paths
    /// that must report that failure use `evaluate`.
    public func matches(_ document: Document) -> Bool {
        compiled.matches(document)
    }

    /// Whether `document` matches, throwing the error a `$expr` raises while evaluating, as MongoDB fails
    /// the whole query with it.
    public func evaluate(_ document: Document) throws(EngineError) -> Bool {
        try compiled.evaluate(document)
    }
}
