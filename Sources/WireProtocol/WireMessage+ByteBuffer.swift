import BSON
import NIOCore

extension WireMessage {
    /// Writes the message into `buffer`. The server's replies (an OP_MSG with one body and no checksum,
    /// or an OP_REPLY) go straight in: header, fields, then each document's bytes copied once from its
    /// storage, with no intermediate array. Anything else takes the general path of `encoded()`.
    public func write(into buffer: inout ByteBuffer) {
        let start = buffer.writerIndex
        switch payload {
        case .msg(let msg) where msg.sequences.isEmpty && !msg.flags.contains(.checksumPresent):
            buffer.reserveCapacity(minimumWritableBytes: MessageHeader.byteCount + 5 + msg.body.byteCount)
            writeHeader(into: &buffer)
            buffer.writeInteger(msg.flags.rawValue, endianness: .little)
            buffer.writeInteger(UInt8(0))
            msg.body.withUnsafeBSONBytes { _ = buffer.writeBytes($0) }
        case .reply(let reply):
            writeHeader(into: &buffer)
            buffer.writeInteger(reply.flags.rawValue, endianness: .little)
            buffer.writeInteger(reply.cursorID, endianness: .little)
            buffer.writeInteger(reply.startingFrom, endianness: .little)
            buffer.writeInteger(Int32(reply.documents.count), endianness: .little)
            for document in reply.documents { document.withUnsafeBSONBytes { _ = buffer.writeBytes($0) } }
        default:
            buffer.writeBytes(encoded())
            return
        }
        buffer.setInteger(Int32(buffer.writerIndex - start), at: start, endianness: .little)
    }

    /// The header with a zero length, filled in once the body is written.
    private func writeHeader(into buffer: inout ByteBuffer) {
        buffer.writeInteger(Int32(0), endianness: .little)
        buffer.writeInteger(requestID, endianness: .little)
        buffer.writeInteger(responseTo, endianness: .little)
        buffer.writeInteger(opCode.rawValue, endianness: .little)
    }
}
