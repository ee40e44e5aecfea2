import BSON

/// OP_REPLY (1): the answer to an OP_QUERY. This server sends exactly one document and never a cursor.
public struct OpReply: Sendable, Equatable {
    public var flags: OpReplyFlags
    public var cursorID: Int64
    public var startingFrom: Int32
    public var documents: [Document]

    public init(flags: OpReplyFlags = [], cursorID: Int64 = 0, startingFrom: Int32 = 0, documents: [Document]) {
        self.flags = flags
        self.cursorID = cursorID
        self.startingFrom = startingFrom
        self.documents = documents
    }

    init(reading reader: inout ByteReader) throws(WireProtocolError) {
        flags = OpReplyFlags(rawValue: try reader.readInt32("OP_REPLY responseFlags"))
        cursorID = try reader.readInt64("OP_REPLY cursorID")
        startingFrom = try reader.readInt32("OP_REPLY startingFrom")
        let declared = Int(try reader.readInt32("OP_REPLY numberReturned"))
        var documents: [Document] = []
        while !reader.isAtEnd { documents.append(try reader.readDocument("OP_REPLY document")) }
        guard documents.count == declared else { throw .replyCountMismatch(declared: declared, actual: documents.count) }
        self.documents = documents
    }

    func write(to writer: inout ByteWriter) {
        writer.writeInt32(flags.rawValue)
        writer.writeInt64(cursorID)
        writer.writeInt32(startingFrom)
        writer.writeInt32(Int32(documents.count))
        for document in documents { writer.writeDocument(document) }
    }
}
