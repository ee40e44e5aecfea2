import EngineQuery

/// How a query reads a collection: through one index between two keys, or by scanning every document.
/// The filter is always re-applied to what the access path yields, so bounds only have to be a superset.
struct QueryPlan: Sendable {
    enum Access: Sendable {
        case collectionScan
        case indexScan(IndexScan)
        /// The text index's postings for a `$text` query (see `TextScanner`).
        case text(TextScan)
        /// A query this collection cannot answer (`$text` without a usable text index): reading throws.
        case refused(EngineError)
    }

    struct TextScan: Sendable {
        let index: IndexDescriptor
        let matcher: TextMatcher
        /// The encoded equality values of the index's prefix fields.
        let prefix: [UInt8]
        /// A B-tree index whose order is the query's sort, when one exists: results then come in that
        /// order, found by walking it (see `TextScanner+Ordered.swift`), and a limit stops the walk.
        var ordering: IndexScan?
    }

    struct IndexScan: Sendable {
        let index: IndexDescriptor
        /// Inclusive lower key bound (of the first interval, when there are several).
        let lower: [UInt8]
        /// Exclusive upper key bound; nil when the scan runs to the end of the index.
        let upper: [UInt8]?
        /// True to walk keys in ascending byte order.
        let forward: Bool
        /// Disjoint key intervals in ascending order, walked one after another (an `$in` on an indexed
        /// field: one interval per value); nil for the single interval [lower, upper).
        var intervals: [KeyInterval]? = nil

        /// The intervals in the order the scan visits them.
        var walk: [KeyInterval] {
            let all = intervals ?? [KeyInterval(lower: lower, upper: upper)]
            return forward ? all : all.reversed()
        }
    }

    struct KeyInterval: Sendable {
        /// Inclusive.
        let lower: [UInt8]
        /// Exclusive; nil for the end of the index.
        let upper: [UInt8]?
    }

    let access: Access
    /// True when documents come out in the order the query's sort asks for (or no sort was asked).
    let providesSort: Bool
    /// True when the index bounds select exactly the documents the filter matches, so the executor need
    /// not match each one again (a history page's `{room_id: R}` is answered by the bounds alone).
    var boundsAreExact = false

    var indexName: String? {
        if case .indexScan(let scan) = access { scan.index.name } else { nil }
    }
}
