import BSON

/// Why a frame could not be read. Every case closes the connection it arrived on; the text is what the
/// server logs, so each case carries the numbers needed to see what the peer sent.
public enum WireProtocolError: Error, Sendable, Equatable, CustomStringConvertible {
    // Framing: the length prefix and the header.
    /// The declared messageLength is smaller than the 16-byte header.
    case lengthBelowHeader(declared: Int)
    /// The declared messageLength exceeds maxMessageSizeBytes.
    case lengthOverLimit(declared: Int, limit: Int)
    /// The bytes given for one frame do not match its declared messageLength.
    case lengthMismatch(declared: Int, actual: Int)
    /// The peer closed the connection part-way through a frame.
    case closedMidFrame(received: Int, declared: Int?)
    /// The opCode is one this server does not speak (OP_COMPRESSED, the removed legacy opcodes, or unknown).
    case unsupportedOpCode(OpCode)

    // Message bodies.
    /// A field runs past the end of the message (or of its section).
    case truncated(field: String, needed: Int, available: Int)
    /// A cstring has no NUL terminator before the end of its enclosing bytes, or is not UTF-8.
    case invalidCString(field: String)
    /// Bytes remain after the last field the message format allows.
    case trailingBytes(count: Int, after: String)
    /// A BSON document failed validation.
    case invalidDocument(field: String, BSONError)

    // OP_MSG specifics.
    /// A required flag bit (0-15) other than checksumPresent and moreToCome is set.
    case unknownRequiredFlags(UInt32)
    /// The CRC-32C trailer does not match the message bytes.
    case checksumMismatch(declared: UInt32, computed: UInt32)
    /// A section kind other than 0 (body) or 1 (document sequence).
    case unknownSectionKind(UInt8)
    /// An OP_MSG without a kind-0 section, or with more than one.
    case bodySectionCount(Int)
    /// A kind-1 section's size is below its minimum or overruns the message.
    case invalidSequenceSize(identifier: String?, declared: Int, available: Int)
    /// Two kind-1 sections share an identifier, or one shares its name with a body field.
    case duplicateSequence(identifier: String)

    // OP_REPLY specifics (only met when reading replies, e.g. in tests or clients).
    /// numberReturned disagrees with the documents present.
    case replyCountMismatch(declared: Int, actual: Int)

    public var description: String {
        switch self {
        case .lengthBelowHeader(let declared):
            "messageLength \(declared) is smaller than the 16-byte header"
        case .lengthOverLimit(let declared, let limit):
            "messageLength \(declared) exceeds maxMessageSizeBytes \(limit)"
        case .lengthMismatch(let declared, let actual):
            "messageLength \(declared) but the frame holds \(actual) bytes"
        case .closedMidFrame(let received, let declared):
            if let declared {
                "peer closed the connection after \(received) of \(declared) bytes of a frame"
            } else {
                "peer closed the connection after \(received) bytes, before a whole length prefix"
            }
        case .unsupportedOpCode(let code):
            "unsupported opCode \(code)"
        case .truncated(let field, let needed, let available):
            "\(field) needs \(needed) bytes but only \(available) remain"
        case .invalidCString(let field):
            "\(field) is not a NUL-terminated UTF-8 string"
        case .trailingBytes(let count, let after):
            "\(count) unexpected bytes after \(after)"
        case .invalidDocument(let field, let error):
            "\(field) is not a valid BSON document: \(error)"
        case .unknownRequiredFlags(let flags):
            "OP_MSG flagBits 0x\(String(flags, radix: 16)) set unknown required bits"
        case .checksumMismatch(let declared, let computed):
            "OP_MSG checksum 0x\(String(declared, radix: 16)) does not match computed CRC-32C 0x\(String(computed, radix: 16))"
        case .unknownSectionKind(let kind):
            "OP_MSG section kind \(kind) is not 0 or 1"
        case .bodySectionCount(let count):
            "OP_MSG must have exactly one kind-0 section, found \(count)"
        case .invalidSequenceSize(let identifier, let declared, let available):
            "OP_MSG document sequence \(identifier.map { "'\($0)' " } ?? "")size \(declared) is invalid (\(available) bytes available)"
        case .duplicateSequence(let identifier):
            "OP_MSG document sequence '\(identifier)' is given twice (or also as a body field)"
        case .replyCountMismatch(let declared, let actual):
            "OP_REPLY numberReturned \(declared) but \(actual) documents follow"
        }
    }
}
