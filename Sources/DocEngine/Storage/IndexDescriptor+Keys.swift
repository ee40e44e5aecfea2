import BSON
import EngineQuery

extension IndexDescriptor {
    /// The entry keys this index holds for `document`: none when a partial index does not cover it.
    /// The one place that derives them, so inserts, updates, deletes and index builds always agree.
    func entryKeys(for document: Document) throws(EngineError) -> [[UInt8]] {
        guard covers(document) else { return [] }
        if let text { return try text.entryKeys(for: document) }
        return try IndexKey.keys(for: document, pattern: pattern)
    }
}
