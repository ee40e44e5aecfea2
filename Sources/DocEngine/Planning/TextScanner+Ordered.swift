import BSON
import EngineQuery

/// A `$text` query sorted by the order of a B-tree index (a room's newest messages first, with a limit)
/// would otherwise read and sort every candidate, however few are wanted: for a common word in a large
/// room, hundreds of thousands. So the candidates are counted first, up to `directReadLimit`:
/// - fewer: they are read directly (postings, then each document) and put in the index's order by the
///   key each document has there;
/// - more: the ordering index is walked with its documents, each scored from its own text (the score
///   its index entries hold) and matched, until the reader has enough. Candidates that common are
///   usually dense along the walk, so it reads a few documents per result and never the postings. When
///   they are not (a word common long ago, or a rare phrase of common words), the walk stops after
///   `walkBudget` documents and the candidates beyond it are read directly instead.
/// Either way documents come out in (key, rid) order of the ordering index, so a later batch resumes
/// after a position whichever way either batch went.
extension TextScanner {
    static let directReadLimit = 2048
    static let walkBudget = 4 * directReadLimit

    static func scanOrdered(
        _ scan: QueryPlan.TextScan, ordering: QueryPlan.IndexScan, collection: CollectionDescriptor, filter: Filter,
        after position: ScanPosition?, connection: SQLiteConnection, stats: inout ScanStats,
        visit: (Document, ScanPosition) throws -> Bool
    ) throws {
        if try candidateCount(scan, upTo: directReadLimit, connection: connection) < directReadLimit {
            try readDirectly(scan, ordering: ordering, collection: collection, filter: filter, after: position,
                             connection: connection, stats: &stats, visit: visit)
        } else {
            let (finished, walked) = try walk(scan, ordering: ordering, collection: collection, filter: filter,
                                              after: position, connection: connection, stats: &stats, visit: visit)
            if finished { return }
            try readDirectly(scan, ordering: ordering, collection: collection, filter: filter, after: walked,
                             connection: connection, stats: &stats, visit: visit)
        }
    }

    /// How many postings the query's terms have, counting no further than `cap`.
    private static func candidateCount(_ scan: QueryPlan.TextScan, upTo cap: Int, connection: SQLiteConnection) throws -> Int {
        let statement = try connection.statement(
            .textTermCount(index: scan.index.id),
            sql: "SELECT count(*) FROM (SELECT 1 FROM \(scan.index.table) WHERE k >= ?1 AND k < ?2 LIMIT ?3)")
        defer { statement.reset() }
        var total = 0
        for term in scan.matcher.terms.indexTerms where total < cap {
            let lower = scan.prefix + TextIndexSpec.termKey(term)
            guard let upper = KeyBounds.successor(lower) else { continue }
            statement.reset()
            statement.bind(1, lower)
            statement.bind(2, upper)
            statement.bind(3, Int64(cap - total))
            if try statement.step() { total += Int(statement.int64(0)) }
        }
        return total
    }

    private static func readDirectly(
        _ scan: QueryPlan.TextScan, ordering: QueryPlan.IndexScan, collection: CollectionDescriptor, filter: Filter,
        after position: ScanPosition?, connection: SQLiteConnection, stats: inout ScanStats,
        visit: (Document, ScanPosition) throws -> Bool
    ) throws {
        let scores = try postings(scan, connection: connection, stats: &stats)
        let fetch = try connection.statement(
            .documentByRecordID(collection: collection.id), sql: "SELECT doc FROM \(collection.table) WHERE rid = ?1")
        defer { fetch.reset() }
        var found: [(position: ScanPosition, document: Document)] = []
        for rid in scores.keys {
            fetch.reset()
            fetch.bind(1, rid)
            guard try fetch.step() else { continue }
            stats.docsExamined += 1
            let document = try fetch.withBlob(0, StoredDocument.read)
            guard let key = try ordering.index.entryKeys(for: document).first,
                  !key.lexicographicallyPrecedes(ordering.lower),
                  ordering.upper.map({ key.lexicographicallyPrecedes($0) }) ?? true else { continue }
            let here = ScanPosition(key: key, rid: rid)
            if let position, !precedes(position, here, forward: ordering.forward) { continue }
            guard scan.matcher.matches(document), filter.matches(document) else { continue }
            found.append((here, document))
        }
        found.sort { precedes($0.position, $1.position, forward: ordering.forward) }
        for (here, document) in found {
            if try !visit(scored(document, scores[here.rid]!), here) { return }
        }
    }

    /// Whether the walk finished (the reader has enough, or the index ended), and where it stopped if not.
    private static func walk(
        _ scan: QueryPlan.TextScan, ordering: QueryPlan.IndexScan, collection: CollectionDescriptor, filter: Filter,
        after position: ScanPosition?, connection: SQLiteConnection, stats: inout ScanStats,
        visit: (Document, ScanPosition) throws -> Bool
    ) throws -> (finished: Bool, at: ScanPosition?) {
        // The same statement as any index scan's: keys, record ids and documents in index order.
        let statement = try connection.statement(
            .indexScan(index: ordering.index.id, collection: collection.id, bounded: ordering.upper != nil,
                       resuming: position != nil, forward: ordering.forward),
            sql: Executor.sql(ordering, bounded: ordering.upper != nil, collection: collection, resuming: position != nil))
        defer { statement.reset() }
        statement.bind(1, ordering.lower)
        if let upper = ordering.upper { statement.bind(2, upper) }
        if let position {
            statement.bind(3, position.key ?? [])
            statement.bind(4, position.rid)
        }
        let terms = scan.matcher.terms.indexTerms
        var steps = 0
        var walked = position
        while try statement.step() {
            if steps == walkBudget { return (false, walked) }
            steps += 1
            stats.keysExamined += 1
            stats.docsExamined += 1
            walked = ScanPosition(key: statement.blob(0), rid: statement.int64(1))
            let document = try statement.withBlob(2, StoredDocument.read)
            // The cheap checks first: reading the text for its terms is the costly part.
            guard filter.matches(document), scan.matcher.matches(document),
                  let termScores = try? scan.index.text?.termScores(in: document) else { continue }
            // The postings hold each term's score in the document: a document holding none is no match.
            var score = 0.0
            var holdsTerm = false
            for term in terms {
                guard let termScore = termScores[term] else { continue }
                score += termScore
                holdsTerm = true
            }
            guard holdsTerm, let here = walked else { continue }
            if try !visit(scored(document, score), here) { return (true, here) }
        }
        return (true, walked)
    }

    /// Whether `a` comes before `b` in a walk in the given direction: by key, then record id.
    private static func precedes(_ a: ScanPosition, _ b: ScanPosition, forward: Bool) -> Bool {
        let (ak, bk) = (a.key ?? [], b.key ?? [])
        if ak == bk { return forward ? a.rid < b.rid : a.rid > b.rid }
        return forward ? ak.lexicographicallyPrecedes(bk) : bk.lexicographicallyPrecedes(ak)
    }

}
