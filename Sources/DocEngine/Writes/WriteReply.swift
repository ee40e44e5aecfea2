import BSON

/// The reply of a batched write command, in MongoDB's field order.
enum WriteReply {
    static func make(n: Int, nModified: Int? = nil, upserted: [Document] = [], writeErrors: [Document]) -> Document {
        var reply: Document = ["n": .int32(Int32(clamping: n))]
        if let nModified { reply.append("nModified", .int32(Int32(clamping: nModified))) }
        if !upserted.isEmpty { reply.append("upserted", .array(upserted.map(BSONValue.document))) }
        if !writeErrors.isEmpty { reply.append("writeErrors", .array(writeErrors.map(BSONValue.document))) }
        reply.append("ok", 1.0)
        return reply
    }
}
