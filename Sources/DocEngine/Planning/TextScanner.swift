import BSON
import EngineQuery

/// Reads a `$text` query through the text index. Each search term's entries are one key range
/// (prefix…, term), whose keys end with the term's score in the document; a document's score is the sum
/// over the terms it holds. Candidates are then read in record-id order (so a cursor resumes after the
/// last one returned), checked by `TextMatcher` (negations, phrases, case) and by the rest of the
/// filter, and handed on with their score attached (`TextScore.field`).
enum TextScanner {
    static func scan(
        _ scan: QueryPlan.TextScan, collection: CollectionDescriptor, filter: Filter, after position: ScanPosition?,
        connection: SQLiteConnection, stats: inout ScanStats, visit: (Document, ScanPosition) throws -> Bool
    ) throws {
        if let ordering = scan.ordering {
            return try scanOrdered(scan, ordering: ordering, collection: collection, filter: filter, after: position,
                                   connection: connection, stats: &stats, visit: visit)
        }
        let scores = try postings(scan, connection: connection, stats: &stats)
        let fetch = try connection.statement(
            .documentByRecordID(collection: collection.id), sql: "SELECT doc FROM \(collection.table) WHERE rid = ?1")
        let resumeAfter = position?.rid ?? Int64.min
        for rid in scores.keys.sorted() where rid > resumeAfter {
            fetch.reset()
            fetch.bind(1, rid)
            guard try fetch.step() else { continue }
            stats.docsExamined += 1
            let document = try fetch.withBlob(0, StoredDocument.read)
            fetch.reset()
            guard scan.matcher.matches(document), filter.matches(document) else { continue }
            if try !visit(scored(document, scores[rid]!), ScanPosition(key: nil, rid: rid)) { break }
        }
    }

    /// The document with its score attached.
    static func scored(_ document: Document, _ score: Double) -> Document {
        // A stored field of that name (inserts do not refuse `$` names) would shadow the score.
        let plain = document[TextScore.field] == nil ? document : document.removing(TextScore.field)
        return plain.appending(TextScore.field, .double(score))
    }

    /// Record id to summed score, over the query's index terms.
    static func postings(
        _ scan: QueryPlan.TextScan, connection: SQLiteConnection, stats: inout ScanStats
    ) throws -> [Int64: Double] {
        var scores: [Int64: Double] = [:]
        let statement = try connection.statement(
            .textTermScan(index: scan.index.id), sql: "SELECT k, rid FROM \(scan.index.table) WHERE k >= ?1 AND k < ?2")
        for term in scan.matcher.terms.indexTerms.sorted() {
            let lower = scan.prefix + TextIndexSpec.termKey(term)
            guard let upper = KeyBounds.successor(lower) else { continue }
            statement.reset()
            statement.bind(1, lower)
            statement.bind(2, upper)
            while try statement.step() {
                stats.keysExamined += 1
                scores[statement.int64(1), default: 0] += TextIndexSpec.score(fromKey: statement.blob(0))
            }
        }
        statement.reset()
        return scores
    }
}
