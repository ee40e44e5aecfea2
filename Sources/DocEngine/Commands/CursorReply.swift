import BSON

/// The `{cursor: {firstBatch|nextBatch, id, ns}, ok: 1}` shape of find, aggregate, listIndexes… replies.
enum CursorReply {
    static func make(_ documents: [Document], id: Int64, namespace: String, first: Bool) -> Document {
        var cursor = Document()
        // Each document is copied once, into the batch array; see `Document.append(_:documents:)`.
        cursor.append(first ? "firstBatch" : "nextBatch", documents: documents)
        cursor.append("id", .int64(id))
        cursor.append("ns", .string(namespace))
        var reply = Document()
        reply.append("cursor", .document(cursor))
        reply.append("ok", 1.0)
        return reply
    }
}
