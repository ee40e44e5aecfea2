/// A message's place in its room's history: its `seq`, unique within the room and assigned in creation
/// order, so paging never skips or repeats.
public struct Position: Sendable, Hashable, Comparable {
    public var seq: Int64

    public init(seq: Int64) {
        self.seq = seq
    }

    public static func < (lhs: Position, rhs: Position) -> Bool {
        lhs.seq < rhs.seq
    }
}
