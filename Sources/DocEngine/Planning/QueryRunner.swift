import BSON
import EngineQuery

/// Produces batches for find and getMore. Index-ordered results stream straight from the scan and resume
/// from a position; anything needing an in-memory sort is computed once (top-k when limited) and the rest
/// is buffered in the cursor.
enum QueryRunner {
    /// MongoDB caps a reply batch at 16 MiB; leave room for the reply envelope.
    static let maxBatchBytes = Document.maximumSize - 16 * 1024
    /// Like MongoDB's blocking-sort memory limit: a sort without an index may not hold more than this.
    static let maxSortBytes = 100 * 1024 * 1024

    struct Batch: Sendable {
        var documents: [Document]
        /// Where the next batch comes from; nil when the result is exhausted.
        var next: CursorSource?
        var stats: ScanStats
        var plan: QueryPlan?
    }

    /// The first batch of a query. `batchSize` nil means MongoDB's default of 101 documents.
    static func firstBatch(_ query: FindQuery, batchSize: Int?, connection: SQLiteConnection,
                           catalog: Catalog) throws -> Batch {
        guard let collection = catalog.collection(query.namespace) else {
            return Batch(documents: [], next: nil, stats: ScanStats(), plan: nil)
        }
        let plan = Planner.plan(filter: query.filter, sort: query.sort, collection: collection)
        var stats = ScanStats()
        if plan.providesSort {
            let state = StreamState(query: query, plan: plan, position: nil, returned: 0)
            var batch = try streamBatch(state, skip: query.skip, batchSize: batchSize ?? 101,
                                        collection: collection, connection: connection, stats: &stats)
            batch.plan = plan
            return batch
        }
        let sorted = try sortedResult(query, plan: plan, collection: collection, connection: connection, stats: &stats)
        var batch = bufferedBatch(sorted, batchSize: batchSize ?? 101)
        batch.stats = stats
        batch.plan = plan
        return batch
    }

    /// The next batch of an open cursor. `batchSize` nil means as many as fit in one reply.
    static func nextBatch(_ source: CursorSource, batchSize: Int?, connection: SQLiteConnection,
                          catalog: Catalog) throws -> Batch {
        switch source {
        case .buffered(let documents):
            return bufferedBatch(documents, batchSize: batchSize ?? Int.max)
        case .stream(let state):
            guard let collection = catalog.collection(state.query.namespace) else {
                return Batch(documents: [], next: nil, stats: ScanStats())
            }
            var stats = ScanStats()
            return try streamBatch(state, skip: 0, batchSize: batchSize ?? Int.max,
                                   collection: collection, connection: connection, stats: &stats)
        }
    }

    /// Splits a computed result into this batch and the buffered rest.
    static func bufferedBatch(_ documents: [Document], batchSize: Int) -> Batch {
        var taken: [Document] = []
        var bytes = 0
        for document in documents {
            if taken.count >= batchSize { break }
            if !taken.isEmpty && bytes + document.byteCount > maxBatchBytes { break }
            taken.append(document)
            bytes += document.byteCount
        }
        let rest = Array(documents.dropFirst(taken.count))
        return Batch(documents: taken, next: rest.isEmpty ? nil : .buffered(rest), stats: ScanStats())
    }

    private static func streamBatch(
        _ state: StreamState, skip: Int, batchSize: Int, collection: CollectionDescriptor,
        connection: SQLiteConnection, stats: inout ScanStats
    ) throws -> Batch {
        let query = state.query
        let remaining = query.limit > 0 ? query.limit - state.returned : Int.max
        let wanted = min(batchSize, remaining)
        var documents: [Document] = []
        var bytes = 0
        var position = state.position
        var toSkip = skip
        var more = false
        // The plan was made when its index held one entry per document. If a document with an array has
        // been committed since, the index is multikey now: that document has an entry per element, so the
        // rest of the scan skips record ids it has already returned and re-checks the filter, which the
        // bounds alone no longer answer exactly.
        var plan = state.plan
        var seen = state.seen
        let dedupe = plan.indexName.flatMap { collection.index(named: $0)?.multikey } ?? false
        if dedupe {
            plan.boundsAreExact = false
            if seen == nil { seen = [] }
        }
        try Executor.scan(plan, collection: collection, filter: query.filter, after: state.position,
                          connection: connection, stats: &stats) { document, here in
            if dedupe, seen!.contains(here.rid) {
                position = here
                return true
            }
            if toSkip > 0 {
                toSkip -= 1
                position = here
                return true
            }
            // One document past the batch tells whether the cursor stays open; it is not consumed.
            if documents.count >= wanted {
                more = documents.count < remaining
                return false
            }
            let projected = try query.project(document)
            if !documents.isEmpty && bytes + projected.byteCount > maxBatchBytes {
                more = true
                return false
            }
            documents.append(projected)
            bytes += projected.byteCount
            position = here
            if dedupe { seen!.insert(here.rid) }
            return documents.count < remaining || wanted == 0
        }
        let next = more
            ? CursorSource.stream(StreamState(query: query, plan: state.plan, position: position,
                                              returned: state.returned + documents.count, seen: seen))
            : nil
        return Batch(documents: documents, next: next, stats: stats)
    }

    /// Every match in sort order after skip and limit, projected. Uses top-k when there is a limit.
    private static func sortedResult(
        _ query: FindQuery, plan: QueryPlan, collection: CollectionDescriptor, connection: SQLiteConnection,
        stats: inout ScanStats
    ) throws -> [Document] {
        let sort = query.sort!
        let ordered: (Document, Document) -> Bool = { sort.compare($0, $1) < 0 }
        var matches: [Document]
        var bytes = 0
        let tooLarge = EngineError(.queryExceededMemoryLimitNoDiskUseAllowed, "Sort exceeded memory limit of \(maxSortBytes) bytes, but did not opt in to external sorting.")
        if query.limit > 0 {
            // skip and limit are the client's; their sum may not fit in an Int. TopK never reserves its
            // capacity up front, so a saturated one costs nothing until documents actually arrive.
            let (kept, overflow) = query.skip.addingReportingOverflow(query.limit)
            var top = TopK(capacity: overflow ? Int.max : kept, areInIncreasingOrder: ordered)
            try Executor.scan(plan, collection: collection, filter: query.filter, after: nil,
                              connection: connection, stats: &stats) { document, _ in
                top.offer(document)
                return true
            }
            matches = top.items
        } else {
            matches = []
            try Executor.scan(plan, collection: collection, filter: query.filter, after: nil,
                              connection: connection, stats: &stats) { document, _ in
                bytes += document.byteCount
                if bytes > maxSortBytes { throw tooLarge }
                matches.append(document)
                return true
            }
            // Swift's sort is stable, so ties keep scan order.
            matches.sort(by: ordered)
        }
        return try matches.dropFirst(query.skip).prefix(query.limit > 0 ? query.limit : Int.max).map { document throws(EngineError) in try query.project(document) }
    }
}
