import BSON
import EngineQuery

/// Finding, replacing and removing stored documents inside the writer's transaction: what update,
/// delete and findAndModify are built from. Every index entry changes with its document, in the same
/// savepoint, so a failed statement (a duplicate key) leaves documents and indexes as they were.
extension WriteContext {
    /// A stored document and its record id.
    struct StoredRecord {
        let rid: Int64
        let document: Document
    }

    /// The record ids of documents matching `filter`, through the planner (an indexed filter reads only
    /// the index range it needs), in `sort` order when given, at most `limit` (0: all). Ids are collected
    /// before anything changes, so a document moved by an update is never visited twice.
    func matchingRecordIDs(
        in collection: CollectionDescriptor, filter: Filter, sort: SortSpec?, limit: Int, stats: inout ScanStats
    ) throws -> [Int64] {
        let plan = Planner.plan(filter: filter, sort: sort, collection: collection)
        var ids: [Int64] = []
        if let sort, !plan.providesSort {
            // One pass keeping the best `limit` documents; findAndModify asks for one.
            var top = TopK<(Int64, Document)>(
                capacity: limit == 0 ? Int.max : limit, areInIncreasingOrder: { sort.compare($0.1, $1.1) < 0 })
            try Executor.scan(plan, collection: collection, filter: filter, after: nil,
                              connection: connection, stats: &stats) { document, position in
                top.offer((position.rid, document))
                return true
            }
            return top.items.map(\.0)
        }
        var seen = Set<Int64>()
        try Executor.scan(plan, collection: collection, filter: filter, after: nil,
                          connection: connection, stats: &stats) { _, position in
            if seen.insert(position.rid).inserted { ids.append(position.rid) }
            return limit == 0 || ids.count < limit
        }
        return ids
    }

    /// The document stored under `rid`, if it is still there.
    func record(_ rid: Int64, in collection: CollectionDescriptor) throws -> StoredRecord? {
        let select = try connection.statement(
            .documentByRecordID(collection: collection.id), sql: "SELECT doc FROM \(collection.table) WHERE rid = ?1")
        select.bind(1, rid)
        guard try select.step() else { return nil }
        let document = try select.withBlob(0, StoredDocument.read)
        select.reset()
        return StoredRecord(rid: rid, document: document)
    }

    /// Stores `new` in place of `old`'s document (same record id) and moves its index entries: keys only
    /// the old version had are removed, keys only the new one has are added (unique ones checked first).
    func replace(_ old: StoredRecord, with new: Document, in namespace: CollectionNamespace) throws {
        guard let collection = catalog.collection(namespace) else {
            throw EngineError(.namespaceNotFound, "ns does not exist: \(namespace)")
        }
        let update = try connection.statement(
            .replaceDocument(collection: collection.id), sql: "UPDATE \(collection.table) SET doc = ?2 WHERE rid = ?1")
        update.bind(1, old.rid)
        new.withUnsafeBSONBytes { update.bind(2, bytes: $0) }
        try update.run()
        for index in collection.indexes {
            let oldKeys = Set(try index.entryKeys(for: old.document))
            let newKeys = Set(try index.entryKeys(for: new))
            guard oldKeys != newKeys else { continue }
            try removeEntries(oldKeys.subtracting(newKeys), rid: old.rid, from: index)
            // addEntries re-derives the keys; the ones already present are ignored, the unique probe skips
            // this record's own entries.
            try addEntries(for: new, rid: old.rid, to: index.name, in: namespace)
        }
    }

    /// Removes a document and all its index entries.
    func remove(_ record: StoredRecord, from namespace: CollectionNamespace) throws {
        guard let collection = catalog.collection(namespace) else { return }
        let delete = try connection.statement(
            .deleteDocument(collection: collection.id), sql: "DELETE FROM \(collection.table) WHERE rid = ?1")
        delete.bind(1, record.rid)
        try delete.run()
        for index in collection.indexes {
            try removeEntries(Set(try index.entryKeys(for: record.document)), rid: record.rid, from: index)
        }
    }

    private func removeEntries(_ keys: Set<[UInt8]>, rid: Int64, from index: IndexDescriptor) throws {
        guard !keys.isEmpty else { return }
        let delete = try connection.statement(
            .deleteIndexEntry(index: index.id), sql: "DELETE FROM \(index.table) WHERE k = ?1 AND rid = ?2")
        for key in keys {
            delete.reset()
            delete.bind(1, key)
            delete.bind(2, rid)
            try delete.run()
        }
    }
}
