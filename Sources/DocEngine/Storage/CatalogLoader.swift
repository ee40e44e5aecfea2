import BSON
import EngineQuery

/// Reads the persisted catalog tables back into a `Catalog` (at start-up, and after a failed commit).
enum CatalogLoader {
    static func load(from connection: SQLiteConnection) throws -> Catalog {
        var catalog = Catalog()
        var maxID: Int64 = 0
        var byID: [Int64: CollectionNamespace] = [:]
        let collections = try connection.statement("SELECT id, db, name FROM catalog_collections ORDER BY id")
        while try collections.step() {
            let id = collections.int64(0)
            let namespace = CollectionNamespace(database: collections.text(1), collection: collections.text(2))
            byID[id] = namespace
            catalog.collections[namespace] = CollectionDescriptor(id: id, namespace: namespace, indexes: [])
            maxID = max(maxID, id)
        }
        let indexes = try connection.statement(
            "SELECT id, collection_id, spec, multikey FROM catalog_indexes ORDER BY id")
        while try indexes.step() {
            let id = indexes.int64(0)
            guard let namespace = byID[indexes.int64(1)] else { continue }
            let spec = try Document(bytes: indexes.blob(2))
            let index = try IndexDescriptor(id: id, spec: spec, multikey: indexes.int64(3) != 0)
            catalog.collections[namespace]?.indexes.append(index)
            maxID = max(maxID, id)
        }
        catalog.nextID = maxID + 1
        return catalog
    }
}
