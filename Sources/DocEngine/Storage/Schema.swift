/// The SQLite schema of an engine data directory. Documents are stored as BSON bytes; index entries as
/// order-preserving keys (see EngineQuery's `IndexKey`), so SQLite's B-tree order is MongoDB's order.
enum Schema {
    static let pragmas = """
        PRAGMA journal_mode=WAL;
        PRAGMA synchronous=FULL;
        PRAGMA foreign_keys=OFF;
        """

    /// Page cache per connection, in KiB (SQLite's negative form). The default 2 MiB holds a sliver of a
    /// large store, so a history read of a random room went to the OS for most of its index and
    /// document pages: measured on 2,000,000 messages, a random room's newest page ran at 4,500 req/s
    /// against 7,900 for a room whose pages stayed cached. The writer gets more, since every insert
    /// touches several index pages spread over the rooms. Four readers and the writer stay well inside
    /// the 200 MiB the service is allowed in all.
    static let readerCachePragma = "PRAGMA cache_size=-16384;"
    static let writerCachePragma = "PRAGMA cache_size=-32768;"

    /// The WAL file is cut back to 64 MiB when it starts over, so a burst does not leave it large. (When
    /// it is checkpointed is `Checkpointer`'s business.)
    static let walSizeLimitPragma = "PRAGMA journal_size_limit=67108864;"

    static let catalogTables = """
        CREATE TABLE IF NOT EXISTS catalog_collections(
            id INTEGER PRIMARY KEY, db TEXT NOT NULL, name TEXT NOT NULL, UNIQUE(db, name));
        CREATE TABLE IF NOT EXISTS catalog_indexes(
            id INTEGER PRIMARY KEY, collection_id INTEGER NOT NULL, name TEXT NOT NULL,
            spec BLOB NOT NULL, multikey INTEGER NOT NULL DEFAULT 0);
        """

    static func createCollectionTable(_ table: String) -> String {
        "CREATE TABLE \(table)(rid INTEGER PRIMARY KEY, doc BLOB NOT NULL)"
    }

    /// (key, rid) is the primary key: entries are unique per document, and equal keys stay ordered by rid.
    static func createIndexTable(_ table: String) -> String {
        "CREATE TABLE \(table)(k BLOB NOT NULL, rid INTEGER NOT NULL, PRIMARY KEY(k, rid)) WITHOUT ROWID"
    }
}
