/// The 16 bytes that start every wire message, all little-endian int32.
public struct MessageHeader: Sendable, Equatable {
    public static let byteCount = 16

    /// The whole message's size in bytes, these 16 included.
    public var messageLength: Int32
    public var requestID: Int32
    /// The requestID this message answers (0 in requests).
    public var responseTo: Int32
    public var opCode: OpCode

    public init(messageLength: Int32, requestID: Int32, responseTo: Int32, opCode: OpCode) {
        self.messageLength = messageLength
        self.requestID = requestID
        self.responseTo = responseTo
        self.opCode = opCode
    }

    /// Checks a declared messageLength as soon as its four bytes are known, so an oversized or nonsensical
    /// frame is refused before any of its body is buffered.
    public static func validate(declaredLength: Int, maxMessageSize: Int) throws(WireProtocolError) {
        guard declaredLength >= byteCount else { throw .lengthBelowHeader(declared: declaredLength) }
        guard declaredLength <= maxMessageSize else {
            throw .lengthOverLimit(declared: declaredLength, limit: maxMessageSize)
        }
    }

    init(reading reader: inout ByteReader) throws(WireProtocolError) {
        messageLength = try reader.readInt32("messageLength")
        requestID = try reader.readInt32("requestID")
        responseTo = try reader.readInt32("responseTo")
        opCode = OpCode(rawValue: try reader.readInt32("opCode"))
    }

    func write(to writer: inout ByteWriter) {
        writer.writeInt32(messageLength)
        writer.writeInt32(requestID)
        writer.writeInt32(responseTo)
        writer.writeInt32(opCode.rawValue)
    }
}
