import BSON
import EngineQuery

/// Plans a `$text` query: it can only be answered by the collection's text index, with an equality on
/// each of the index's prefix fields; MongoDB refuses the query otherwise, and so does this plan.
enum TextPlanner {
    static func plan(
        _ query: TextQuery, predicates: Predicates, sort: SortSpec?, collection: CollectionDescriptor,
        ordering: QueryPlan.IndexScan?
    ) -> QueryPlan {
        let providesSort = sort == nil || sort!.keys.isEmpty
        guard let index = collection.indexes.first(where: { $0.text != nil }), let spec = index.text else {
            return QueryPlan(access: .refused(EngineError(.indexNotFound, "text index required for $text query")),
                             providesSort: providesSort)
        }
        var prefix: [UInt8] = []
        for field in spec.prefix {
            guard let value = predicates.equalities[field.path] else {
                return QueryPlan(access: .refused(prefixRequired), providesSort: providesSort)
            }
            prefix += KeyBounds.component(value, ascending: field.ascending)
        }
        let scan = QueryPlan.TextScan(index: index, matcher: TextMatcher(spec: spec, query: query), prefix: prefix,
                                      ordering: providesSort ? nil : ordering)
        return QueryPlan(access: .text(scan), providesSort: providesSort || ordering != nil)
    }

    static let prefixRequired = EngineError(.noQueryExecutionPlans,
        "error processing query: planner returned error :: caused by :: failed to use text index to satisfy $text query (if text index is compound, are equality predicates given for all prefix fields?)")
}
