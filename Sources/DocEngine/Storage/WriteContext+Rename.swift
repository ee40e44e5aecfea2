import EngineQuery

extension WriteContext {
    /// Moves a collection, its documents and its indexes to `target`, which must not exist unless
    /// `dropTarget` (then it is dropped first). Row ids are kept, so the `_id` index is copied as it is;
    /// the other indexes are rebuilt from the documents, which also sets their multikey flags.
    ///
    /// The catalog is a value only WriteContext itself may replace, so a rename is a copy into a new
    /// collection (new tables, the source's UUID within a database) followed by a drop: O(documents),
    /// all in the job's savepoint, so a failure leaves the source untouched.
    func renameCollection(_ source: CollectionNamespace, to target: CollectionNamespace, dropTarget: Bool) throws {
        guard let original = collection(source) else {
            throw EngineError(.namespaceNotFound, "Source collection \(source) does not exist")
        }
        if collection(target) != nil {
            guard dropTarget else { throw EngineError(.namespaceExists, "target namespace exists") }
            _ = try dropCollection(target)
        }
        let renamed = try createCollection(target)
        try connection.execute("INSERT INTO \(renamed.table)(rid, doc) SELECT rid, doc FROM \(original.table)")
        if let from = original.index(named: "_id_"), let to = renamed.index(named: "_id_") {
            try connection.execute("INSERT INTO \(to.table)(k, rid) SELECT k, rid FROM \(from.table)")
        }
        for index in original.indexes where !index.isIDIndex {
            _ = try addIndex(to: target, spec: index.spec)
        }
        // A collection keeps its UUID when renamed within its database; across databases it is a new one.
        if source.database == target.database {
            try connection.execute("""
                UPDATE catalog_collections SET uuid = (SELECT uuid FROM catalog_collections WHERE id = \(original.id))
                WHERE id = \(renamed.id)
                """)
        }
        _ = try dropCollection(source)
    }
}
