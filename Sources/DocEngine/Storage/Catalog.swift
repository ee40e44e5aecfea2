import BSON
import EngineQuery

/// A collection as the catalog knows it. Its documents live in table `c<id>`.
struct CollectionDescriptor: Sendable {
    let id: Int64
    let namespace: CollectionNamespace
    /// The `_id_` index first, then the others in creation order.
    var indexes: [IndexDescriptor]

    var table: String { "c\(id)" }

    func index(named name: String) -> IndexDescriptor? { indexes.first { $0.name == name } }
}

/// Every collection and index. A value: the writer edits its own copy inside a transaction and publishes
/// it after the commit, so readers always see a catalog that matches committed tables.
struct Catalog: Sendable {
    var collections: [CollectionNamespace: CollectionDescriptor] = [:]
    var nextID: Int64 = 1

    func collection(_ namespace: CollectionNamespace) -> CollectionDescriptor? { collections[namespace] }

    var databases: Set<String> { Set(collections.keys.map(\.database)) }

    func collections(in database: String) -> [CollectionDescriptor] {
        collections.values.filter { $0.namespace.database == database }.sorted { $0.namespace.collection < $1.namespace.collection }
    }

    mutating func allocateID() -> Int64 {
        defer { nextID += 1 }
        return nextID
    }
}
