import BSON

/// How many servers must acknowledge a write before it counts as done. Operations given none use the
/// URI's (`w`, `journal`, `wtimeoutMS`), or the server's default.
public struct WriteConcern: Sendable, Hashable {
    public enum Acknowledgement: Sendable, Hashable {
        case nodes(Int)
        case majority
        /// A custom write concern defined in the replica set configuration.
        case tag(String)
    }

    public var w: Acknowledgement?
    public var journal: Bool?
    public var timeout: Duration?

    public init(w: Acknowledgement? = nil, journal: Bool? = nil, timeout: Duration? = nil) {
        self.w = w
        self.journal = journal
        self.timeout = timeout
    }

    public static let majority = WriteConcern(w: .majority)
    public static let acknowledged = WriteConcern(w: .nodes(1))
    public static let unacknowledged = WriteConcern(w: .nodes(0))

    /// The `writeConcern` document libmongoc passes on.
    var document: Document {
        var document = Document()
        switch w {
        case .nodes(let count): document.append("w", .int32(Int32(clamping: count)))
        case .majority: document.append("w", "majority")
        case .tag(let tag): document.append("w", .string(tag))
        case nil: break
        }
        if let journal { document.append("j", .bool(journal)) }
        if let timeout {
            // A timeout too long for 64-bit milliseconds is as good as none.
            document.append("wtimeout", .int64(timeout.wholeMilliseconds ?? .max))
        }
        return document
    }
}
