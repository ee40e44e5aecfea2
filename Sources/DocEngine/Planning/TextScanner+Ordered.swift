import BSON
import EngineQuery

/// A `$text` query sorted by the order of a B-tree index (a room's newest messages first, with a limit)
/// would otherwise read and sort every candidate, however few are wanted. Instead the postings give
/// the candidates' record ids (keys only, no documents), and the ordering index is walked, keys only,
/// reading just the documents on it that are candidates; the walk stops when the reader has enough.
///
/// A walk pays one key per entry, a candidate one document read and a match. When candidates are sparse
/// along the walk (after `walkStepsPerCandidate` entries per candidate), the rest are read instead and
/// put in index order by the key each document has there. Either way documents come out in (key, rid)
/// order, so a later batch resumes after a position whichever way the first one went.
extension TextScanner {
    static let walkStepsPerCandidate = 16

    static func scanOrdered(
        _ scan: QueryPlan.TextScan, ordering: QueryPlan.IndexScan, collection: CollectionDescriptor, filter: Filter,
        after position: ScanPosition?, connection: SQLiteConnection, stats: inout ScanStats,
        visit: (Document, ScanPosition) throws -> Bool
    ) throws {
        let scores = try postings(scan, connection: connection, stats: &stats)
        if scores.isEmpty { return }
        let fetch = try connection.statement(
            .documentByRecordID(collection: collection.id), sql: "SELECT doc FROM \(collection.table) WHERE rid = ?1")
        func read(_ rid: Int64, stats: inout ScanStats) throws -> Document? {
            fetch.reset()
            defer { fetch.reset() }
            fetch.bind(1, rid)
            guard try fetch.step() else { return nil }
            stats.docsExamined += 1
            return try fetch.withBlob(0, StoredDocument.read)
        }
        /// Hands a matching candidate on; false once the reader wants no more.
        func offer(_ rid: Int64, at here: ScanPosition, stats: inout ScanStats) throws -> Bool {
            guard let document = try read(rid, stats: &stats), scan.matcher.matches(document), filter.matches(document)
            else { return true }
            return try visit(scored(document, scores[rid]!), here)
        }

        let walk = try connection.statement(
            .orderedKeyWalk(index: ordering.index.id, bounded: ordering.upper != nil, resuming: position != nil,
                            forward: ordering.forward),
            sql: walkSQL(ordering, resuming: position != nil))
        defer { walk.reset() }
        walk.bind(1, ordering.lower)
        if let upper = ordering.upper { walk.bind(2, upper) }
        if let position {
            walk.bind(3, position.key ?? [])
            walk.bind(4, position.rid)
        }
        let budget = scores.count * walkStepsPerCandidate
        var steps = 0
        var walked = position
        var offered: Set<Int64> = []
        while try walk.step() {
            stats.keysExamined += 1
            steps += 1
            let here = ScanPosition(key: walk.blob(0), rid: walk.int64(1))
            walked = here
            if scores[here.rid] != nil {
                offered.insert(here.rid)
                if try !offer(here.rid, at: here, stats: &stats) { return }
            }
            if steps >= budget { break }
        }
        guard steps >= budget else { return }
        walk.reset()

        // The candidates the walk has not reached, in its order by their keys in the ordering index.
        var rest: [ScanPosition] = []
        for rid in scores.keys where !offered.contains(rid) {
            guard let document = try read(rid, stats: &stats),
                  let key = try ordering.index.entryKeys(for: document).first,
                  !key.lexicographicallyPrecedes(ordering.lower),
                  ordering.upper.map({ key.lexicographicallyPrecedes($0) }) ?? true else { continue }
            let candidate = ScanPosition(key: key, rid: rid)
            if let walked, !precedes(walked, candidate, forward: ordering.forward) { continue }
            rest.append(candidate)
        }
        rest.sort { precedes($0, $1, forward: ordering.forward) }
        for candidate in rest {
            if try !offer(candidate.rid, at: candidate, stats: &stats) { return }
        }
    }

    /// Whether `a` comes before `b` in a walk in the given direction: by key, then record id.
    private static func precedes(_ a: ScanPosition, _ b: ScanPosition, forward: Bool) -> Bool {
        let (ak, bk) = (a.key ?? [], b.key ?? [])
        let ascending = ak == bk ? a.rid < b.rid : ak.lexicographicallyPrecedes(bk)
        return forward ? ascending : (ak != bk || a.rid != b.rid) && !ascending
    }

    /// Keys and record ids only; the (key, rid) row-value comparison seeks straight to a resume point.
    private static func walkSQL(_ scan: QueryPlan.IndexScan, resuming: Bool) -> String {
        let upper = scan.upper == nil ? "" : " AND k < ?2"
        let resume = !resuming ? "" : scan.forward ? " AND (k, rid) > (?3, ?4)" : " AND (k, rid) < (?3, ?4)"
        let order = scan.forward ? "k, rid" : "k DESC, rid DESC"
        return "SELECT k, rid FROM \(scan.index.table) WHERE k >= ?1\(upper)\(resume) ORDER BY \(order)"
    }
}
