import BSON

/// The collections' UUIDs, read from the catalog table (the in-memory catalog does not carry them).
enum CatalogUUIDs {
    /// Collection name to UUID for one database, as BSON binary subtype 4.
    static func read(database: String, connection: SQLiteConnection) throws -> [String: BSONValue] {
        let rows = try connection.statement("SELECT name, uuid FROM catalog_collections WHERE db = ? AND uuid IS NOT NULL")
        rows.bind(1, database)
        var uuids: [String: BSONValue] = [:]
        while try rows.step() {
            var bytes = rows.blob(1)
            guard bytes.count == 16 else { continue }
            // randomblob() knows nothing of UUIDs: mark the bytes as a random (version 4, RFC 4122) UUID.
            bytes[6] = (bytes[6] & 0x0F) | 0x40
            bytes[8] = (bytes[8] & 0x3F) | 0x80
            uuids[rows.text(0)] = .binary(subtype: 4, data: bytes)
        }
        return uuids
    }
}
