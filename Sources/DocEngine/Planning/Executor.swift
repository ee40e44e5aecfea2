import BSON
import EngineQuery

/// Walks a plan's access path on a read connection, hands every document that passes the filter to
/// `visit`, and stops as soon as `visit` says so. Statements are ordered by the index itself, so stopping
/// early means the rest of the index is never touched.
enum Executor {
    static func scan(
        _ plan: QueryPlan, collection: CollectionDescriptor, filter: Filter, after position: ScanPosition?,
        connection: SQLiteConnection, stats: inout ScanStats,
        visit: (Document, ScanPosition) throws -> Bool
    ) throws {
        switch plan.access {
        case .collectionScan:
            let statement = try connection.statement(
                .collectionScan(collection: collection.id),
                sql: "SELECT rid, doc FROM \(collection.table) WHERE rid > ?1 ORDER BY rid")
            statement.bind(1, position?.rid ?? Int64.min)
            while try statement.step() {
                stats.docsExamined += 1
                let document = try statement.withBlob(1, StoredDocument.read)
                guard try filter.evaluate(document) else { continue }
                if try !visit(document, ScanPosition(key: nil, rid: statement.int64(0))) { break }
            }
        case .indexScan(let scan):
            // Several intervals ($in) are walked one after another; a resume position is applied to each, which
            // skips the intervals wholly before it with one seek each.
            for interval in scan.walk {
                let key = StatementKey.indexScan(index: scan.index.id, collection: collection.id,
                                                 bounded: interval.upper != nil, resuming: position != nil, forward: scan.forward)
                let statement = try connection.statement(
                    key, sql: sql(scan, bounded: interval.upper != nil, collection: collection, resuming: position != nil))
                statement.bind(1, interval.lower)
                if let upper = interval.upper { statement.bind(2, upper) }
                if let position {
                    statement.bind(3, position.key ?? [])
                    statement.bind(4, position.rid)
                }
                while try statement.step() {
                    stats.keysExamined += 1
                    stats.docsExamined += 1
                    let document = try statement.withBlob(2, StoredDocument.read)
                    guard try plan.boundsAreExact || filter.evaluate(document) else { continue }
                    let here = ScanPosition(key: statement.blob(0), rid: statement.int64(1))
                    if try !visit(document, here) { return }
                }
            }
        case .text(let scan):
            try TextScanner.scan(scan, collection: collection, filter: filter, after: position,
                                 connection: connection, stats: &stats, visit: visit)
        case .refused(let error):
            throw error
        }
    }

    /// How many documents match, counted from the index alone when its bounds are exact (or from the
    /// table when there is no filter), without reading a document; nil when documents must be matched.
    static func countWithoutDocuments(
        _ plan: QueryPlan, collection: CollectionDescriptor, filter: Filter, connection: SQLiteConnection
    ) throws -> Int? {
        switch plan.access {
        case .collectionScan:
            guard case .alwaysTrue = filter.root else { return nil }
            let statement = try connection.statement(
                .countDocuments(collection: collection.id), sql: "SELECT count(*) FROM \(collection.table)")
            return try statement.step() ? Int(statement.int64(0)) : 0
        case .indexScan(let scan):
            guard plan.boundsAreExact, scan.intervals == nil else { return nil }
            let statement = try connection.statement(
                .countIndexRange(index: scan.index.id, bounded: scan.upper != nil),
                sql: "SELECT count(*) FROM \(scan.index.table) WHERE k >= ?1\(scan.upper == nil ? "" : " AND k < ?2")")
            statement.bind(1, scan.lower)
            if let upper = scan.upper { statement.bind(2, upper) }
            return try statement.step() ? Int(statement.int64(0)) : 0
        case .text:
            return nil
        case .refused(let error):
            throw error
        }
    }

    /// The (key, rid) row-value comparison lets SQLite seek straight to the resume point in the index.
    static func sql(_ scan: QueryPlan.IndexScan, bounded: Bool, collection: CollectionDescriptor, resuming: Bool) -> String {
        let upper = bounded ? " AND i.k < ?2" : ""
        let resume = !resuming ? "" : scan.forward ? " AND (i.k, i.rid) > (?3, ?4)" : " AND (i.k, i.rid) < (?3, ?4)"
        let order = scan.forward ? "i.k, i.rid" : "i.k DESC, i.rid DESC"
        return """
            SELECT i.k, i.rid, c.doc FROM \(scan.index.table) AS i CROSS JOIN \(collection.table) AS c \
            ON c.rid = i.rid WHERE i.k >= ?1\(upper)\(resume) ORDER BY \(order)
            """
    }
}
