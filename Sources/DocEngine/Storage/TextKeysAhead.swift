import BSON
import EngineQuery

/// A document's text index entries, derived before its write reaches the single writer thread.
///
/// Tokenizing and stemming a message is the costliest part of storing it; done inside the group
/// transaction it serialised every insert behind the writer. Done on the connection's own thread it runs
/// in parallel, and the writer only stores the result. The writer uses it only when its catalog still has
/// the very index it was derived for (same id and same definition); otherwise it derives the keys
/// itself, so a concurrent dropIndexes or createIndexes never sees stale entries.
struct TextKeysAhead: Sendable {
    let index: IndexDescriptor
    let keys: [[UInt8]]

    /// The entries of `document` for the text index of `namespace` in `catalog`, or nil when it has
    /// none or the derivation fails (the writer then derives again and reports the error in order).
    init?(for document: Document, in namespace: CollectionNamespace, catalog: Catalog) {
        guard let index = catalog.collection(namespace)?.indexes.first(where: { $0.text != nil }),
              let keys = try? index.entryKeys(for: document)
        else { return nil }
        self.index = index
        self.keys = keys
    }

    /// The keys, if they were derived for exactly `candidate`: the same id and the same definition (an id
    /// can be reused once its index is dropped, and a partial filter decides which documents have keys).
    func keys(for candidate: IndexDescriptor) -> [[UInt8]]? {
        candidate.id == index.id && candidate.hasSameDefinition(as: index) ? keys : nil
    }
}
