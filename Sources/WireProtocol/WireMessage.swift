/// One whole wire message: header fields plus a decoded body. Decoding checks everything the server relies
/// on (length, opcode, structure, BSON validity, checksum); encoding fills in messageLength and, for an OP_MSG
/// with checksumPresent, the CRC-32C trailer.
public struct WireMessage: Sendable, Equatable {
    public enum Payload: Sendable, Equatable {
        case msg(OpMsg)
        case query(OpQuery)
        case reply(OpReply)
    }

    /// MongoDB's maxMessageSizeBytes.
    public static let defaultMaxMessageSize = 48_000_000

    public var requestID: Int32
    public var responseTo: Int32
    public var payload: Payload

    public init(requestID: Int32, responseTo: Int32 = 0, payload: Payload) {
        self.requestID = requestID
        self.responseTo = responseTo
        self.payload = payload
    }

    public var opCode: OpCode {
        switch payload {
        case .msg: .msg
        case .query: .query
        case .reply: .reply
        }
    }

    /// Decodes exactly one frame: `frame.count` must equal the header's messageLength.
    public init(decoding frame: [UInt8], maxMessageSize: Int = defaultMaxMessageSize) throws(WireProtocolError) {
        var reader = ByteReader(frame)
        let declared = Int(try reader.peekInt32("messageLength"))
        try MessageHeader.validate(declaredLength: declared, maxMessageSize: maxMessageSize)
        guard declared == frame.count else { throw .lengthMismatch(declared: declared, actual: frame.count) }
        let header = try MessageHeader(reading: &reader)

        requestID = header.requestID
        responseTo = header.responseTo
        switch header.opCode {
        case .msg: payload = .msg(try OpMsg(reading: &reader, frame: frame))
        case .query: payload = .query(try OpQuery(reading: &reader))
        case .reply: payload = .reply(try OpReply(reading: &reader))
        default: throw .unsupportedOpCode(header.opCode)
        }
    }

    /// The message's bytes, ready to send.
    public func encoded() -> [UInt8] {
        var writer = ByteWriter()
        MessageHeader(messageLength: 0, requestID: requestID, responseTo: responseTo, opCode: opCode).write(to: &writer)
        switch payload {
        case .msg(let msg): msg.write(to: &writer)
        case .query(let query): query.write(to: &writer)
        case .reply(let reply): reply.write(to: &writer)
        }
        guard case .msg(let msg) = payload, msg.flags.contains(.checksumPresent) else {
            writer.setInt32(Int32(writer.count), at: 0)
            return writer.bytes
        }
        // The checksum covers the header, so the final length must be in place before computing it.
        writer.setInt32(Int32(writer.count + 4), at: 0)
        writer.writeUInt32(crc32c(writer.bytes))
        return writer.bytes
    }
}
