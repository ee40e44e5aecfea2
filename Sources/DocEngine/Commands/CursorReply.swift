import BSON

/// The `{cursor: {firstBatch|nextBatch, id, ns}, ok: 1}` shape of find, aggregate, listIndexes… replies.
enum CursorReply {
    static func make(_ documents: [Document], id: Int64, namespace: String, first: Bool) -> Document {
        let cursor: Document = [
            first ? "firstBatch" : "nextBatch": .array(documents.map(BSONValue.document)),
            "id": .int64(id),
            "ns": .string(namespace),
        ]
        return ["cursor": .document(cursor), "ok": 1.0]
    }
}
