/// OP_REPLY responseFlags.
public struct OpReplyFlags: OptionSet, Sendable, Hashable {
    public let rawValue: Int32

    public init(rawValue: Int32) { self.rawValue = rawValue }

    public static let cursorNotFound = OpReplyFlags(rawValue: 1 << 0)
    /// The single document is an error `{$err, code}` rather than a result.
    public static let queryFailure = OpReplyFlags(rawValue: 1 << 1)
    public static let shardConfigStale = OpReplyFlags(rawValue: 1 << 2)
    public static let awaitCapable = OpReplyFlags(rawValue: 1 << 3)
}
