/// OP_QUERY flags. Only carried through: a command namespace query ignores them all.
public struct OpQueryFlags: OptionSet, Sendable, Hashable {
    public let rawValue: Int32

    public init(rawValue: Int32) { self.rawValue = rawValue }

    public static let tailableCursor = OpQueryFlags(rawValue: 1 << 1)
    public static let secondaryOk = OpQueryFlags(rawValue: 1 << 2)
    public static let oplogReplay = OpQueryFlags(rawValue: 1 << 3)
    public static let noCursorTimeout = OpQueryFlags(rawValue: 1 << 4)
    public static let awaitData = OpQueryFlags(rawValue: 1 << 5)
    public static let exhaust = OpQueryFlags(rawValue: 1 << 6)
    public static let partial = OpQueryFlags(rawValue: 1 << 7)
}
