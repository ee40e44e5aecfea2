import BSON
import CMongoC

/// What an insert did: the `_id` of each document, in the order given (generated where a document had
/// none), and the server's reply as libmongoc summarises it (`insertedCount`...).
public struct InsertResult: Sendable {
    public let insertedIDs: [BSONValue]
    public let reply: Document

    public var insertedCount: Int { Int(reply["insertedCount"]?.integerValue ?? 0) }
}

extension Document {
    /// The document with an `_id`, added first as a new ObjectId when missing, and that `_id`. Done here
    /// rather than left to libmongoc so that the caller learns the id.
    func withID() -> (document: Document, id: BSONValue) {
        // A keyed lookup walks the bytes without allocating, so one lookup serves every type of `_id`.
        if let id = self["_id"] { return (self, id) }
        let id = BSONValue.objectId(ObjectId())
        var result = Document()
        result.append("_id", id)
        result.withMutableBSONPointer { target in
            withBSONPointer { source in _ = bson_concat(target, source) }
        }
        return (result, id)
    }
}
