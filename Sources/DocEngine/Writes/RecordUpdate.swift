import BSON
import EngineQuery

/// One update applied inside the writer: to a stored document (stored again only if it changed), or
/// as the insert of an upsert. Both enforce what MongoDB enforces after any update: `_id` unchanged,
/// the result within the document size limit, unique indexes (through the storage layer).
enum RecordUpdate {
    /// Applies `update` to `record`; returns the document as stored afterwards and whether it changed.
    static func apply(
        _ update: UpdateAction, matchedBy filter: Filter, to record: WriteContext.StoredRecord,
        in writer: WriteContext, namespace: CollectionNamespace, now: Int64
    ) throws -> (document: Document, modified: Bool) {
        let old = record.document
        let new = try update.apply(to: old, matchedArrayIndex: filter.matchedArrayIndex(in: old),
                                   context: UpdateContext(now: now, isInsert: false))
        // Same bytes: MongoDB reports the document matched but not modified, and writes nothing.
        if new.bytes == old.bytes { return (old, false) }
        if let id = new["_id"], let oldID = old["_id"], BSONOrder.compare(id, oldID) != 0 || id.typeName != oldID.typeName {
            throw EngineError(.immutableField,
                "After applying the update, the (immutable) field '_id' was found to have been altered to _id: \(ShellFormat.render(id))")
        }
        try checkSize(new)
        try writer.replace(record, with: new, in: namespace)
        return (new, true)
    }

    /// Inserts the document an upsert creates when nothing matched `query`; returns it.
    static func upsert(
        _ update: UpdateAction, query: Document, in writer: WriteContext, namespace: CollectionNamespace, now: Int64
    ) throws -> Document {
        let seed = try update.upsertDocument(query: query, context: UpdateContext(now: now, isInsert: true))
        let document = try InsertCommand.prepare(seed).get()
        try checkSize(document)
        try writer.insert(document, into: namespace)
        return document
    }

    private static func checkSize(_ document: Document) throws(EngineError) {
        guard document.byteCount <= Document.maximumSize else {
            throw EngineError(.bsonObjectTooLarge,
                "Resulting document after update is larger than \(Document.maximumSize)")
        }
    }
}
