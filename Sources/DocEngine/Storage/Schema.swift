/// The SQLite schema of an engine data directory. Documents are stored as BSON bytes; index entries as
/// order-preserving keys (see EngineQuery's `IndexKey`), so SQLite's B-tree order is MongoDB's order.
enum Schema {
    static let pragmas = """
        PRAGMA journal_mode=WAL;
        PRAGMA synchronous=FULL;
        PRAGMA foreign_keys=OFF;
        """

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
