import Synchronization

/// The head this instance left each room at after its own last write there: a guess at the next write's
/// numbers that saves the two head reads of a POST (a round trip each through the pool).
///
/// Only a guess, never an answer to a reader: the unique `(room_id, seq)` and `(room_id, change)` indexes
/// still decide. If another instance wrote to the room since, the guessed numbers are taken, the insert
/// is refused as a duplicate, and the writer reads the real head as before. If the insert succeeds, the
/// guessed seq was free, so the guess was the room's true latest message (and its timestamp the one to
/// stay at or above). Used only by the room's current writer (see `RoomWriteQueue`), so a room's entry
/// has one user at a time. Bounded: past `capacity` rooms it starts over.
final class RoomHeadCache: Sendable {
    static let capacity = 10_000
    private let heads = Mutex([String: RoomHead]())

    /// The guess for `roomID`, removed: a writer that fails to use it must not leave it behind.
    func take(_ roomID: String) -> RoomHead? {
        heads.withLock { $0.removeValue(forKey: roomID) }
    }

    func store(_ head: RoomHead, for roomID: String) {
        heads.withLock { heads in
            if heads.count >= Self.capacity { heads.removeAll(keepingCapacity: true) }
            heads[roomID] = head
        }
    }
}
