import BSON

/// An OP_MSG kind-1 section: int32 size (counting itself), a cstring identifier, then documents filling
/// exactly the rest of the size.
public struct DocumentSequence: Sendable, Equatable {
    public var identifier: String
    public var documents: [Document]

    public init(identifier: String, documents: [Document]) {
        self.identifier = identifier
        self.documents = documents
    }

    init(reading reader: inout ByteReader) throws(WireProtocolError) {
        let size = Int(try reader.readInt32("OP_MSG document sequence size"))
        // The size counts its own four bytes and at least the identifier's NUL.
        guard size >= 5, size - 4 <= reader.remaining else {
            throw .invalidSequenceSize(identifier: nil, declared: size, available: reader.remaining + 4)
        }
        var section = try reader.sub(size - 4, field: "OP_MSG document sequence")
        identifier = try section.readCString("OP_MSG document sequence identifier")
        let field = "OP_MSG document sequence '\(identifier)'"
        var documents: [Document] = []
        while !section.isAtEnd { documents.append(try section.readDocument(field)) }
        self.documents = documents
    }

    func write(to writer: inout ByteWriter) {
        writer.writeUInt8(1)
        let start = writer.count
        writer.writeInt32(0)
        writer.writeCString(identifier)
        for document in documents { writer.writeDocument(document) }
        writer.setInt32(Int32(writer.count - start), at: start)
    }
}
