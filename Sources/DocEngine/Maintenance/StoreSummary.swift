import Foundation

/// What a store file holds: its collections with their document counts, and its size.
public struct StoreSummary: Sendable {
    public let collections: [CollectionTally]
    public let bytes: Int64

    public var documents: Int { collections.reduce(0) { $0 + $1.documents } }

    init(collections: [CollectionTally], file: String) {
        self.collections = collections
        let attributes = try? FileManager.default.attributesOfItem(atPath: file)
        self.bytes = (attributes?[.size] as? NSNumber)?.int64Value ?? 0
    }

    /// Counts the documents of every catalogued collection of the file at `path`, in one read transaction.
    static func read(file path: String) throws(StoreMaintenanceError) -> StoreSummary {
        let connection = try StoreMaintenanceError.opening(path) { () throws(SQLiteError) in
            try SQLiteConnection(path: path, readOnly: true)
        }
        let collections = try StoreMaintenanceError.reading(path) {
            try connection.execute("BEGIN")
            defer {
                connection.resetAllStatements()
                try? connection.execute("COMMIT")
            }
            let catalog = try CatalogLoader.load(from: connection)
            return try catalog.collections.values.sorted { $0.id < $1.id }.map { collection in
                let count = try connection.statement("SELECT count(*) FROM \(collection.table)")
                defer { count.reset() }
                let documents = try count.step() ? Int(count.int64(0)) : 0
                return CollectionTally(namespace: collection.namespace.description, documents: documents,
                                       indexes: collection.indexes.count)
            }
        }
        return StoreSummary(collections: collections, file: path)
    }
}
