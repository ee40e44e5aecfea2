/// The tables of a store file as SQLite lists them, and the names the engine gives its own.
enum StoreTables {
    static let catalogTables = ["catalog_collections", "catalog_indexes"]

    static func read(_ connection: SQLiteConnection) throws -> Set<String> {
        let rows = try connection.statement("SELECT name FROM sqlite_master WHERE type = 'table'")
        var names: Set<String> = []
        while try rows.step() { names.insert(rows.text(0)) }
        return names
    }

    /// `c<id>` (a collection's documents) or `i<id>` (an index's entries), as `Schema` creates them.
    static func isEngineTable(_ name: String) -> Bool {
        guard let first = name.first, first == "c" || first == "i" else { return false }
        let digits = name.dropFirst()
        return !digits.isEmpty && digits.allSatisfy(\.isASCII) && digits.allSatisfy(\.isNumber)
    }

    /// (index id, collection id) for every catalog index row.
    static func indexOwners(_ connection: SQLiteConnection) throws -> [(Int64, Int64)] {
        let rows = try connection.statement("SELECT id, collection_id FROM catalog_indexes ORDER BY id")
        var owners: [(Int64, Int64)] = []
        while try rows.step() { owners.append((rows.int64(0), rows.int64(1))) }
        return owners
    }
}
