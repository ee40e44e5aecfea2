/// Brings an older data directory's catalog up to date when the store opens. Each step is idempotent
/// and only adds, so a directory stays readable by the build that created it.
enum CatalogMigration {
    static func upgrade(_ connection: SQLiteConnection) throws {
        try addCollectionUUIDs(connection)
    }

    /// Every collection gets a random UUID, kept for its life (listCollections' `info.uuid`). A trigger
    /// gives one to each new catalog row inside the transaction that creates it, so no writer code has to.
    private static func addCollectionUUIDs(_ connection: SQLiteConnection) throws {
        if try !hasColumn("uuid", in: "catalog_collections", connection) {
            try connection.execute("ALTER TABLE catalog_collections ADD COLUMN uuid BLOB")
        }
        try connection.execute("""
            CREATE TRIGGER IF NOT EXISTS catalog_collections_uuid AFTER INSERT ON catalog_collections
            WHEN NEW.uuid IS NULL
            BEGIN UPDATE catalog_collections SET uuid = randomblob(16) WHERE id = NEW.id; END;
            UPDATE catalog_collections SET uuid = randomblob(16) WHERE uuid IS NULL;
            """)
    }

    private static func hasColumn(_ column: String, in table: String, _ connection: SQLiteConnection) throws -> Bool {
        let info = try connection.statement("SELECT name FROM pragma_table_info('\(table)')")
        while try info.step() {
            if info.text(0) == column { return true }
        }
        return false
    }
}
