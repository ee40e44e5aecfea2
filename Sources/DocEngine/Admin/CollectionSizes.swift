import Foundation

/// A collection's sizes in bytes, measured in SQLite. `dataSize` is the BSON bytes of its documents, as
/// MongoDB's `size` is. Storage sizes come from SQLite's `dbstat` virtual table (the pages each table
/// and index occupies); a SQLite built without it falls back to the bytes stored, keys plus row ids for
/// an index, which undercounts page overhead but never invents a number.
struct CollectionSizes {
    var count: Int64 = 0
    var dataSize: Int64 = 0
    var storageSize: Int64 = 0
    var indexSizes: [(name: String, bytes: Int64)] = []

    var totalIndexSize: Int64 { indexSizes.reduce(0) { $0 + $1.bytes } }
    var averageObjectSize: Int64 { count == 0 ? 0 : dataSize / count }

    static func measure(_ collection: CollectionDescriptor, connection: SQLiteConnection) throws -> CollectionSizes {
        var sizes = CollectionSizes()
        let documents = try connection.statement("SELECT COUNT(*), COALESCE(SUM(length(doc)), 0) FROM \(collection.table)")
        if try documents.step() {
            sizes.count = documents.int64(0)
            sizes.dataSize = documents.int64(1)
        }
        sizes.storageSize = try pages(of: collection.table, connection: connection) ?? sizes.dataSize + 8 * sizes.count
        for index in collection.indexes {
            let bytes = try pages(of: index.table, connection: connection) ?? storedBytes(of: index.table, connection)
            sizes.indexSizes.append((index.name, bytes))
        }
        return sizes
    }

    /// The bytes of the pages `table` occupies, or nil when this SQLite has no `dbstat`.
    private static func pages(of table: String, connection: SQLiteConnection) throws -> Int64? {
        let statement: SQLiteStatement
        do {
            statement = try connection.statement("SELECT pgsize FROM dbstat WHERE name = ? AND aggregate = TRUE")
        } catch {
            return nil
        }
        statement.bind(1, table)
        return try statement.step() ? statement.int64(0) : 0
    }

    private static func storedBytes(of indexTable: String, _ connection: SQLiteConnection) throws -> Int64 {
        let statement = try connection.statement("SELECT COALESCE(SUM(length(k)) + 8 * COUNT(*), 0) FROM \(indexTable)")
        return try statement.step() ? statement.int64(0) : 0
    }
}
