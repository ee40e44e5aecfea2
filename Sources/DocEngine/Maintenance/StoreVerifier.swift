import BSON
import Foundation

/// `msgsvc verify`: checks a store file without changing it. SQLite's own integrity check first, then the
/// catalog against the tables, then every index of every collection against its documents
/// (`CollectionVerifier`).
///
/// It never takes the data directory's lock: everything runs in one read transaction on a read-only
/// connection, which in WAL mode is a snapshot of the last commit before it began. So it checks a
/// stopped store and a running one alike, and a running engine keeps writing meanwhile (its WAL cannot
/// be checkpointed past the snapshot until the check ends).
public struct StoreVerifier: Sendable {
    /// `quick` runs SQLite's `quick_check` (no index-vs-table cross-check of SQLite's own indexes, much
    /// faster on a large file) instead of `integrity_check`. The engine's index checks run either way.
    public var quick: Bool

    public init(quick: Bool = false) {
        self.quick = quick
    }

    /// Checks the store in `dataDirectory`.
    public func verify(dataDirectory: String) throws(StoreMaintenanceError) -> VerificationReport {
        try verify(file: (dataDirectory as NSString).appendingPathComponent(DocumentStore.fileName))
    }

    /// Checks the store file at `path` (a data directory's database or a backup).
    public func verify(file path: String) throws(StoreMaintenanceError) -> VerificationReport {
        guard FileManager.default.fileExists(atPath: path) else { throw .noStore(path: path) }
        let connection = try StoreMaintenanceError.opening(path) { () throws(SQLiteError) in
            try SQLiteConnection(path: path, readOnly: true)
        }
        return try StoreMaintenanceError.reading(path) {
            try connection.execute("BEGIN")
            defer {
                connection.resetAllStatements()
                try? connection.execute("COMMIT")
            }
            return try verify(connection)
        }
    }

    func verify(_ connection: SQLiteConnection) throws -> VerificationReport {
        var report = VerificationReport()
        let pragma = quick ? "quick_check" : "integrity_check"
        let integrity = try connection.statement("PRAGMA \(pragma)(\(VerificationReport.limit))")
        while try integrity.step() {
            let line = integrity.text(0)
            if line != "ok" { report.add(.integrity(line)) }
        }
        let tables = try StoreTables.read(connection)
        for required in StoreTables.catalogTables where !tables.contains(required) {
            report.add(.notAStore(missingTable: required))
        }
        guard tables.isSuperset(of: StoreTables.catalogTables) else { return report }
        let catalog: Catalog
        do {
            catalog = try CatalogLoader.load(from: connection)
        } catch {
            report.add(.catalog("cannot be loaded: \(error)"))
            return report
        }
        checkCatalog(catalog, tables: tables, connection: connection, into: &report)
        for collection in catalog.collections.values.sorted(by: { $0.id < $1.id }) {
            let owned = [collection.table] + collection.indexes.map(\.table)
            guard owned.allSatisfy(tables.contains) else { continue }
            do {
                let documents = try CollectionVerifier(collection: collection, connection: connection).verify(into: &report)
                report.collections.append(.init(namespace: collection.namespace.description, documents: documents,
                                                indexes: collection.indexes.count))
            } catch {
                report.add(.unreadable(collection: collection.namespace.description, reason: "\(error)"))
            }
        }
        return report
    }

    /// Every table the catalog names exists, every table of the engine's naming has a catalog row, every
    /// index row has a collection, and every collection has its `_id_` index.
    private func checkCatalog(_ catalog: Catalog, tables: Set<String>, connection: SQLiteConnection,
                              into report: inout VerificationReport) {
        var owned: Set<String> = []
        for collection in catalog.collections.values.sorted(by: { $0.id < $1.id }) {
            let name = collection.namespace.description
            owned.insert(collection.table)
            if !tables.contains(collection.table) {
                report.add(.catalog("\(name): its document table \(collection.table) is missing"))
            }
            if collection.index(named: "_id_") == nil { report.add(.catalog("\(name): it has no _id_ index")) }
            for index in collection.indexes {
                owned.insert(index.table)
                if !tables.contains(index.table) {
                    report.add(.catalog("\(name): the table \(index.table) of index '\(index.name)' is missing"))
                }
            }
        }
        for table in tables.subtracting(owned).sorted() where StoreTables.isEngineTable(table) {
            report.add(.catalog("table \(table) belongs to no collection or index in the catalog"))
        }
        let known = Set(catalog.collections.values.map(\.id))
        for (indexID, collectionID) in (try? StoreTables.indexOwners(connection)) ?? [] where !known.contains(collectionID) {
            report.add(.catalog("index row \(indexID) names collection id \(collectionID), which does not exist"))
        }
    }
}
