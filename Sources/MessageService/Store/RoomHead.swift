import BSON
import MongoPool

/// The newest numbers of a room as one reader sees them: the last message's seq and timestamp, and the
/// last change number.
///
/// Why "max + 1 under a unique index, retry on a duplicate" and not a counter. A counter hands a number
/// out before the write that uses it commits, so writers holding 7 and 8 can commit 8 first, and a reader
/// who sees 8 may later see 7 appear: the feed's guarantee breaks. Here a writer takes the number after
/// the largest one it can see, and the unique `(room_id, change)` index refuses a second writer with the
/// same number, which then reads again. So change N+1 can only be written by a writer that has seen N
/// committed: changes commit in number order, on the embedded engine (one writer) and on MongoDB (many
/// concurrent writers, several msgsvc instances) alike, with no lock or extra document. `seq` is taken
/// the same way under `(room_id, seq)`, and a new message's timestamp is max(now, the last message's),
/// read in the same step, so timestamps never decrease along seq.
struct RoomHead: Sendable {
    var lastSeq: Int64
    var lastTimestamp: Int64?
    var lastChange: Int64

    private static let bySeq: Document = ["seq": -1]
    private static let byChange: Document = ["change": -1]
    private static let seqFields: Document = ["_id": 0, "seq": 1, "timestamp": 1]
    private static let changeFields: Document = ["_id": 0, "change": 1]

    /// Two index reads, each of one entry.
    static func read(roomID: String, client: MongoClient, namespace: Namespace) async throws -> RoomHead {
        let room: Document = ["room_id": .string(roomID)]
        let top = try await client.find(room, in: namespace,
                                        options: FindOptions(sort: bySeq, projection: seqFields, limit: 1, singleBatch: true)).first
        let lastChange = try await Self.lastChange(roomID: roomID, client: client, namespace: namespace)
        return RoomHead(lastSeq: top?["seq"]?.integerValue ?? 0, lastTimestamp: top?["timestamp"]?.datetimeValue,
                        lastChange: lastChange)
    }

    static func lastChange(roomID: String, client: MongoClient, namespace: Namespace) async throws -> Int64 {
        let top = try await client.find(["room_id": .string(roomID)], in: namespace,
                                        options: FindOptions(sort: byChange, projection: changeFields, limit: 1,
                                                             singleBatch: true))
        return top.first?["change"]?.integerValue ?? 0
    }
}
