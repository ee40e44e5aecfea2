import BSON
import EngineQuery

/// What a write job can do inside the writer's open transaction. Catalog edits go to a working copy that
/// the writer publishes only after the commit.
final class WriteContext {
    let connection: SQLiteConnection
    private(set) var catalog: Catalog
    /// Set when a rollback to a savepoint failed: the transaction can no longer be trusted, so the writer
    /// rolls back the whole batch instead of committing it.
    private(set) var poisoned: Error?

    init(connection: SQLiteConnection, catalog: Catalog) {
        self.connection = connection
        self.catalog = catalog
    }

    /// Runs `body` so that, if it throws, its changes (rows and catalog) are undone and nothing else is.
    func savepoint<T>(_ body: () throws -> T) throws -> T {
        let saved = catalog
        try connection.statement("SAVEPOINT job").run()
        do {
            let value = try body()
            try connection.statement("RELEASE job").run()
            return value
        } catch {
            connection.resetAllStatements()
            do {
                try connection.statement("ROLLBACK TO job").run()
                try connection.statement("RELEASE job").run()
            } catch let rollbackError {
                poisoned = rollbackError
            }
            catalog = saved
            throw error
        }
    }

    // MARK: Collections

    func collection(_ namespace: CollectionNamespace) -> CollectionDescriptor? { catalog.collection(namespace) }

    /// The collection, created with its `_id` index if it does not exist yet.
    @discardableResult
    func ensureCollection(_ namespace: CollectionNamespace) throws -> (CollectionDescriptor, created: Bool) {
        if let existing = catalog.collection(namespace) { return (existing, false) }
        return (try createCollection(namespace), true)
    }

    func createCollection(_ namespace: CollectionNamespace) throws -> CollectionDescriptor {
        try NamespaceRules.validate(namespace)
        let id = catalog.allocateID()
        let descriptor = CollectionDescriptor(id: id, namespace: namespace, indexes: [])
        try connection.execute(Schema.createCollectionTable(descriptor.table))
        let insert = try connection.statement("INSERT INTO catalog_collections(id, db, name) VALUES (?, ?, ?)")
        insert.bind(1, id)
        insert.bind(2, namespace.database)
        insert.bind(3, namespace.collection)
        try insert.run()
        catalog.collections[namespace] = descriptor
        _ = try addIndex(to: namespace, spec: ["v": 2, "key": ["_id": 1], "name": "_id_"])
        return catalog.collections[namespace]!
    }

    func dropCollection(_ namespace: CollectionNamespace) throws -> CollectionDescriptor? {
        guard let descriptor = catalog.collection(namespace) else { return nil }
        connection.resetAllStatements()
        for index in descriptor.indexes {
            try connection.execute("DROP TABLE IF EXISTS \(index.table)")
        }
        try connection.execute("DROP TABLE IF EXISTS \(descriptor.table)")
        try connection.execute("DELETE FROM catalog_indexes WHERE collection_id = \(descriptor.id)")
        try connection.execute("DELETE FROM catalog_collections WHERE id = \(descriptor.id)")
        catalog.collections[namespace] = nil
        return descriptor
    }

    // MARK: Indexes

    /// Adds an index and fills it from the collection's documents. Returns false if an identical index
    /// already exists; throws on a name or key conflict, or on duplicates for a unique index.
    func addIndex(to namespace: CollectionNamespace, spec: Document) throws -> Bool {
        guard var collection = catalog.collection(namespace) else {
            throw EngineError(.namespaceNotFound, "ns does not exist: \(namespace)")
        }
        let id = catalog.allocateID()
        let index = try IndexDescriptor(id: id, spec: spec, multikey: false)
        if let sameName = collection.index(named: index.name) {
            if sameName.hasSameDefinition(as: index) { return false }
            if sameName.pattern == index.pattern {
                throw EngineError(.indexOptionsConflict, 
                    "An existing index has the same name as the requested index. When index names are not specified, they are auto generated and can cause conflicts. Please refer to our documentation. Requested index: \(index.spec.relaxedExtendedJSON), existing index: \(sameName.spec.relaxedExtendedJSON)")
            }
            throw EngineError(.indexKeySpecsConflict, 
                "An existing index has the same name as the requested index. Requested index: \(index.spec.relaxedExtendedJSON), existing index: \(sameName.spec.relaxedExtendedJSON)")
        }
        // Text indexes share the key `{_fts, _ftsx}`; their weights and language tell them apart.
        if let sameKeys = collection.indexes.first(where: { $0.pattern == index.pattern && $0.text == index.text }) {
            if sameKeys.hasSameDefinition(as: index) { return false }
            throw EngineError(.indexOptionsConflict, 
                "Index already exists with a different name: \(sameKeys.name)")
        }
        if index.text != nil, let existing = collection.indexes.first(where: { $0.text != nil }) {
            throw EngineError(.cannotCreateIndex,
                "only one text index per collection allowed, found existing text index \"\(existing.name)\"")
        }
        try connection.execute(Schema.createIndexTable(index.table))
        let insert = try connection.statement(
            "INSERT INTO catalog_indexes(id, collection_id, name, spec, multikey) VALUES (?, ?, ?, ?, 0)")
        insert.bind(1, id)
        insert.bind(2, collection.id)
        insert.bind(3, index.name)
        insert.bind(4, index.spec.bytes)
        try insert.run()
        collection.indexes.append(index)
        catalog.collections[namespace] = collection

        // Build the index over the documents already stored.
        let scan = try connection.statement("SELECT rid, doc FROM \(collection.table) ORDER BY rid")
        var rows: [(Int64, Document)] = []
        while try scan.step() { rows.append((scan.int64(0), try scan.withBlob(1, StoredDocument.read))) }
        for (rid, document) in rows {
            try addEntries(for: document, rid: rid, to: index.name, in: namespace)
        }
        return true
    }

    func dropIndex(named name: String, from namespace: CollectionNamespace) throws {
        guard var collection = catalog.collection(namespace),
              let position = collection.indexes.firstIndex(where: { $0.name == name })
        else { throw EngineError(.indexNotFound, "index not found with name [\(name)]") }
        let index = collection.indexes.remove(at: position)
        connection.resetAllStatements()
        try connection.execute("DROP TABLE IF EXISTS \(index.table)")
        try connection.execute("DELETE FROM catalog_indexes WHERE id = \(index.id)")
        catalog.collections[namespace] = collection
    }

    // MARK: Documents

    /// Stores one document (which already has its `_id`) and its index entries, taking its text index
    /// entries from `textKeys` when they were derived ahead for the index the catalog still has.
    func insert(_ document: Document, into namespace: CollectionNamespace, textKeys: TextKeysAhead? = nil) throws {
        let collection = try ensureCollection(namespace).0
        let insert = try connection.statement(
            .insertDocument(collection: collection.id), sql: "INSERT INTO \(collection.table)(doc) VALUES (?)")
        document.withUnsafeBSONBytes { insert.bind(1, bytes: $0) }
        try insert.run()
        let rid = connection.lastInsertRowID
        for index in collection.indexes {
            try addEntries(for: document, rid: rid, to: index, in: namespace, keys: textKeys?.keys(for: index))
        }
    }

    /// Adds `document`'s keys to the index the catalog now has under `indexName`.
    func addEntries(for document: Document, rid: Int64, to indexName: String, in namespace: CollectionNamespace) throws {
        guard let index = catalog.collection(namespace)?.index(named: indexName) else { return }
        try addEntries(for: document, rid: rid, to: index, in: namespace)
    }

    /// Adds `document`'s keys (`derived` when given) to `index`, refusing a key a unique index already
    /// holds for another record (a document replacing itself keeps its own keys).
    private func addEntries(for document: Document, rid: Int64, to index: IndexDescriptor, in namespace: CollectionNamespace,
                            keys derived: [[UInt8]]? = nil) throws {
        let keys = try derived ?? index.entryKeys(for: document)
        guard !keys.isEmpty else { return }
        if index.unique {
            let probe = try connection.statement(
                .probeUniqueKey(index: index.id), sql: "SELECT 1 FROM \(index.table) WHERE k = ?1 AND rid != ?2 LIMIT 1")
            for key in keys {
                probe.reset()
                probe.bind(1, key)
                probe.bind(2, rid)
                if try probe.step() {
                    throw DuplicateKeyError(namespace: namespace, index: index, document: document)
                }
            }
        }
        let add = try connection.statement(
            .insertIndexEntry(index: index.id), sql: "INSERT OR IGNORE INTO \(index.table)(k, rid) VALUES (?, ?)")
        for key in keys {
            add.reset()
            add.bind(1, key)
            add.bind(2, rid)
            try add.run()
        }
        // Text indexes are never read as B-trees, so multikey does not concern them.
        if !index.multikey && index.text == nil && index.pattern.fields.contains(where: { document.hasArray(alongPath: $0.path) }) {
            try markMultikey(index.name, in: namespace)
        }
    }

    private func markMultikey(_ indexName: String, in namespace: CollectionNamespace) throws {
        guard var collection = catalog.collection(namespace),
              let position = collection.indexes.firstIndex(where: { $0.name == indexName }) else { return }
        collection.indexes[position].multikey = true
        try connection.execute("UPDATE catalog_indexes SET multikey = 1 WHERE id = \(collection.indexes[position].id)")
        catalog.collections[namespace] = collection
    }
}
