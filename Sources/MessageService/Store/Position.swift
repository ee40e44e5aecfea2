import BSON

/// A message's place in its room's history. Messages are ordered by timestamp, then by id, so two
/// messages stored in the same millisecond still have a strict order and paging never skips or repeats.
public struct Position: Sendable, Hashable, Comparable {
    public var timestamp: Int64
    public var id: ObjectId

    public init(timestamp: Int64, id: ObjectId) {
        self.timestamp = timestamp
        self.id = id
    }

    public static func < (lhs: Position, rhs: Position) -> Bool {
        (lhs.timestamp, lhs.id) < (rhs.timestamp, rhs.id)
    }
}
