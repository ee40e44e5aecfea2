/// OP_MSG flagBits. Bits 0-15 are "required": a receiver that does not know one must refuse the message.
/// Bits 16-31 are optional and may be ignored.
public struct OpMsgFlags: OptionSet, Sendable, Hashable {
    public let rawValue: UInt32

    public init(rawValue: UInt32) { self.rawValue = rawValue }

    /// A CRC-32C of everything before it ends the message.
    public static let checksumPresent = OpMsgFlags(rawValue: 1 << 0)
    /// The sender will not wait for a reply (unacknowledged writes), or, in replies, more follow.
    public static let moreToCome = OpMsgFlags(rawValue: 1 << 1)
    /// The client accepts a stream of replies; a server may ignore it and answer once.
    public static let exhaustAllowed = OpMsgFlags(rawValue: 1 << 16)

    static let requiredMask: UInt32 = 0xFFFF
    static let knownRequired: OpMsgFlags = [.checksumPresent, .moreToCome]

    /// Required bits this implementation does not understand.
    var unknownRequiredBits: UInt32 { rawValue & Self.requiredMask & ~Self.knownRequired.rawValue }
}
