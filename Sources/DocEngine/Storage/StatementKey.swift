/// Names a prepared statement in a connection's cache without building its SQL. The hot statements are
/// keyed by the table they touch and their shape, so finding one hashes a few integers instead of
/// formatting and hashing a hundred characters of SQL per query; the text is built only to prepare it.
enum StatementKey: Hashable {
    /// Statements whose text is fixed or rare (catalog, transactions, DDL).
    case text(String)
    case collectionScan(collection: Int64)
    case indexScan(index: Int64, collection: Int64, bounded: Bool, resuming: Bool, forward: Bool)
    case countDocuments(collection: Int64)
    case countIndexRange(index: Int64, bounded: Bool)
    case insertDocument(collection: Int64)
    case probeUniqueKey(index: Int64)
    case insertIndexEntry(index: Int64)
    case documentByRecordID(collection: Int64)
    case replaceDocument(collection: Int64)
    case deleteDocument(collection: Int64)
    case deleteIndexEntry(index: Int64)
    case textTermScan(index: Int64)
    case textTermCount(index: Int64)
}
