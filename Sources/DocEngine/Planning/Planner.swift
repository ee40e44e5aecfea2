import BSON
import EngineQuery

/// Chooses how to read a collection for a filter and sort. An index qualifies with an equality prefix,
/// then optionally a range or an `$in` list (one interval per value) on the next field, and/or a sort on the fields after the prefix in index
/// order or exactly reversed. The best-scoring index wins; with none, a collection scan (plus an
/// in-memory sort if one was asked for).
enum Planner {
    static func plan(filter: Filter, sort: SortSpec?, collection: CollectionDescriptor) -> QueryPlan {
        let predicates = Predicates(filter)
        if let query = filter.text {
            return TextPlanner.plan(query, predicates: predicates, sort: sort, collection: collection,
                                    ordering: orderingScan(predicates: predicates, sort: sort, filter: filter,
                                                           collection: collection))
        }
        var best: (score: Int, plan: QueryPlan)?
        for index in collection.indexes where !index.multikey && index.text == nil {
            guard let candidate = candidate(index, predicates: predicates, sort: sort, filter: filter) else { continue }
            if candidate.score > (best?.score ?? 0) { best = candidate }
        }
        return best?.plan ?? QueryPlan(access: .collectionScan, providesSort: sort == nil || sort!.keys.isEmpty)
    }

    /// The best B-tree scan that yields documents in the requested sort order, when a sort is requested.
    private static func orderingScan(
        predicates: Predicates, sort: SortSpec?, filter: Filter, collection: CollectionDescriptor
    ) -> QueryPlan.IndexScan? {
        guard let sort, !sort.keys.isEmpty else { return nil }
        var best: (score: Int, scan: QueryPlan.IndexScan)?
        for index in collection.indexes where !index.multikey && index.text == nil {
            guard let candidate = candidate(index, predicates: predicates, sort: sort, filter: filter),
                  candidate.plan.providesSort, case .indexScan(let scan) = candidate.plan.access,
                  scan.intervals == nil, // the ordered text walk reads one interval
                  candidate.score > (best?.score ?? 0) else { continue }
            best = (candidate.score, scan)
        }
        return best?.scan
    }

    private static func candidate(
        _ index: IndexDescriptor, predicates: Predicates, sort: SortSpec?, filter: Filter
    ) -> (score: Int, plan: QueryPlan)? {
        // A partial index only holds some documents; use it only when the query implies its filter.
        if index.partialFilterExpression != nil && !impliesPartialFilter(index, predicates: predicates) { return nil }

        let fields = index.pattern.fields
        var prefix: [UInt8] = []
        var equalityCount = 0
        for field in fields {
            guard let value = predicates.equalities[field.path] else { break }
            prefix += KeyBounds.component(value, ascending: field.ascending)
            equalityCount += 1
        }

        var lower = prefix
        var upper = KeyBounds.successor(prefix)
        var intervals: [QueryPlan.KeyInterval]?
        var hasRange = false
        if equalityCount < fields.count, predicates.hasRange(on: fields[equalityCount].path) {
            let field = fields[equalityCount]
            if let start = predicates.stringPrefixes[field.path] {
                // Every match starts with these bytes; the residual match checks the rest of the pattern.
                let bytes = IndexKey.stringPrefix(start)
                lower = prefix + (field.ascending ? bytes : bytes.map { ~$0 })
                upper = KeyBounds.successor(lower)
            } else {
                (lower, upper) = KeyBounds.range(
                    prefix: prefix, ascending: field.ascending,
                    lower: predicates.lowerBounds[field.path] ?? [], upper: predicates.upperBounds[field.path] ?? [])
            }
            hasRange = true
        } else if equalityCount < fields.count, let values = predicates.memberships[fields[equalityCount].path] {
            // One point per distinct key (1 and 1.0 share a key: one interval, or documents would come twice),
            // in index order, so a sort on this field and the next ones still comes from the walk.
            let field = fields[equalityCount]
            let keys = Set(values.map { prefix + KeyBounds.component($0, ascending: field.ascending) })
                .sorted { $0.lexicographicallyPrecedes($1) }
            let points = keys.map { QueryPlan.KeyInterval(lower: $0, upper: KeyBounds.successor($0)) }
            intervals = points
            lower = points[0].lower
            upper = points[points.count - 1].upper
            hasRange = true
        }

        let direction = sortDirection(index, equalityPaths: Set(fields.prefix(equalityCount).map(\.path)), sort: sort)
        let sortRequested = !(sort?.keys.isEmpty ?? true)
        let providesSort = direction != nil
        var score = equalityCount * 4 + (hasRange ? 2 : 0)
        if sortRequested && providesSort { score += 3 }
        guard score > 0 else { return nil }

        var scan = QueryPlan.IndexScan(index: index, lower: lower, upper: upper, forward: direction ?? true)
        scan.intervals = intervals
        var plan = QueryPlan(access: .indexScan(scan), providesSort: providesSort)
        plan.boundsAreExact = !hasRange
            && isExactEquality(filter.root, on: Set(fields.prefix(equalityCount).map(\.path)))
        return (score, plan)
    }

    /// Forward (true) or backward (false) if walking the index yields the requested sort order; nil if it
    /// cannot. Sort keys on equality fields are constant within the scan and so are ignored.
    private static func sortDirection(_ index: IndexDescriptor, equalityPaths: Set<String>, sort: SortSpec?) -> Bool? {
        let wanted = (sort?.keys ?? []).filter { !equalityPaths.contains($0.path) }
        if wanted.isEmpty { return true }
        let remaining = index.pattern.fields.drop { equalityPaths.contains($0.path) }
        guard wanted.count <= remaining.count else { return nil }
        var direction: Bool?
        for (want, field) in zip(wanted, remaining) {
            guard want.path == field.path else { return nil }
            let forward = want.ascending == field.ascending
            if let direction, direction != forward { return nil }
            direction = forward
        }
        return direction
    }

    /// True when `node` is only equalities on `paths`, each with a value whose index key matches exactly
    /// the values the equality matches. Key components are prefix-free and the index is not multikey, so
    /// the equality prefix bounds then hold exactly the matching documents. Other types (null matches
    /// missing fields, doubles and decimals compare across representations, documents by field order…)
    /// keep the residual match.
    private static func isExactEquality(_ node: FilterNode, on paths: Set<String>) -> Bool {
        switch node {
        case .alwaysTrue:
            return true
        case .and(let children):
            return children.allSatisfy { isExactEquality($0, on: paths) }
        case .field(let path, .eq(let value)):
            guard paths.contains(path) else { return false }
            switch value {
            case .string, .objectId, .bool, .datetime, .int32, .int64: return true
            default: return false
            }
        default:
            return false
        }
    }

    /// Recognises the common partial filters: `{f: {$exists: true}}` and equality conditions, implied when
    /// the query has an equality on that field (a non-null value implies existence) or, for `$exists`, an
    /// `$in` of non-null values.
    private static func impliesPartialFilter(_ index: IndexDescriptor, predicates: Predicates) -> Bool {
        guard let expression = index.partialFilterExpression else { return true }
        for (path, condition) in expression.elements {
            if case .document(let ops) = condition, ops.keys == ["$exists"], ops["$exists"]?.truthValue == true,
               let values = predicates.memberships[path], !values.contains(.null) {
                continue // an `$in` of non-null values implies existence too
            }
            guard let value = predicates.equalities[path] else { return false }
            switch condition {
            case .document(let ops) where ops.keys == ["$exists"]:
                guard ops["$exists"]?.truthValue == true, value != .null else { return false }
            default:
                guard BSONOrder.compare(condition, value) == 0 else { return false }
            }
        }
        return true
    }
}
