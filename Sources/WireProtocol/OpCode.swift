/// A wire message type. A struct rather than an enum so that any value read from the wire can be named in
/// an error, including ones this server refuses.
public struct OpCode: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: Int32

    public init(rawValue: Int32) { self.rawValue = rawValue }

    public static let reply = OpCode(rawValue: 1)
    public static let update = OpCode(rawValue: 2001)
    public static let insert = OpCode(rawValue: 2002)
    public static let query = OpCode(rawValue: 2004)
    public static let getMore = OpCode(rawValue: 2005)
    public static let delete = OpCode(rawValue: 2006)
    public static let killCursors = OpCode(rawValue: 2007)
    public static let compressed = OpCode(rawValue: 2012)
    public static let msg = OpCode(rawValue: 2013)

    public var description: String {
        let name: String? = switch self {
        case .reply: "OP_REPLY"
        case .update: "OP_UPDATE"
        case .insert: "OP_INSERT"
        case .query: "OP_QUERY"
        case .getMore: "OP_GET_MORE"
        case .delete: "OP_DELETE"
        case .killCursors: "OP_KILL_CURSORS"
        case .compressed: "OP_COMPRESSED"
        case .msg: "OP_MSG"
        default: nil
        }
        return name.map { "\($0) (\(rawValue))" } ?? "\(rawValue)"
    }
}
