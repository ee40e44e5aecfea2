import BSON
import EngineQuery

/// A document's text index entries, derived before its write reaches the single writer thread.
///
/// Tokenizing and stemming a message is the costliest part of storing it; done inside the group
/// transaction it serialised every insert behind the writer. Done on the connection's own thread it runs
/// in parallel, and the writer only stores the result. The writer uses it only when its catalog still has
/// the very index it was derived for (same id and same text definition); otherwise it derives the keys
/// itself, so a concurrent dropIndexes or createIndexes never sees stale entries.
struct TextKeysAhead: Sendable {
    let indexID: Int64
    let text: TextIndexSpec
    let keys: [[UInt8]]

    /// The entries of `document` for the text index of `namespace` in `catalog`, or nil when it has
    /// none or the derivation fails (the writer then derives again and reports the error in order).
    init?(for document: Document, in namespace: CollectionNamespace, catalog: Catalog) {
        guard let index = catalog.collection(namespace)?.indexes.first(where: { $0.text != nil }),
              let text = index.text,
              let keys = try? index.entryKeys(for: document)
        else { return nil }
        self.indexID = index.id
        self.text = text
        self.keys = keys
    }

    /// The keys, if they were derived for exactly `index`.
    func keys(for index: IndexDescriptor) -> [[UInt8]]? {
        index.id == indexID && index.text == text ? keys : nil
    }
}
