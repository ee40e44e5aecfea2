import BSON
import EngineQuery

/// Where the next batch of a cursor comes from.
enum CursorSource: Sendable {
    /// Resume a scan after `position`; `returned` counts documents already sent (for the limit).
    case stream(StreamState)
    /// The rest of an already computed result (blocking sorts, aggregation).
    case buffered([Document])
}

struct StreamState: Sendable {
    let query: FindQuery
    let plan: QueryPlan
    var position: ScanPosition?
    var returned: Int
    /// Record ids already returned, kept once the plan's index has become multikey (see `QueryRunner`).
    var seen: Set<Int64>? = nil
}
