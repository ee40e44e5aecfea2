import BSON

/// A replacement-style update (`{a: 1, b: 2}`): the new document is the replacement, with the
/// original `_id` kept in front.
struct ReplacementUpdate: Sendable {
    let replacement: Document

    init(_ replacement: Document) throws(EngineError) {
        for key in replacement.keys where key.hasPrefix("$") {
            throw EngineError(
                .storageDollarPrefixedFieldName,
                "The dollar ($) prefixed field '\(key)' in '\(key)' is not allowed in the context of an update's replacement document. Consider using an aggregation pipeline with $replaceWith.")
        }
        self.replacement = replacement
    }

    /// The replacement applied to `document`. A replacement may repeat the `_id` (equal in BSON order)
    /// but not change it.
    func apply(to document: Document) throws(EngineError) -> Document {
        guard let id = document["_id"] else { return replacement }
        if let newId = replacement["_id"], BSONOrder.compare(newId, id) != 0 {
            throw EngineError(
                .immutableField,
                "After applying the update, the (immutable) field '_id' was found to have been altered to \(ShellFormat.element("_id", newId))")
        }
        var out = Document([("_id", id)])
        for (key, value) in replacement where key != "_id" { out.append(key, value) }
        return out
    }
}
