import BSON
import Logging
import MongoPool

/// Gives `seq` and `change` to messages stored by the previous version, once, then creates the unique
/// number indexes (which such messages, lacking both fields, would otherwise break).
///
/// A room's old messages are numbered 1, 2, 3… in their previous (timestamp, id) order, and take the
/// same numbers as their change. The numbering is each message's rank in the room, so two instances
/// starting at once over the same old data compute the same numbers and cannot disagree; a message that
/// already has a seq is left alone. A marker document records that the work is done, so later start-ups
/// skip the search.
struct SeqBackfill {
    static let metaCollection = "msgsvc_meta"
    static let marker = "seq_backfill_v1"

    let client: MongoClient
    let messages: Namespace
    let logger: Logger

    private var meta: Namespace { Namespace(database: messages.database, collection: Self.metaCollection) }

    func runOnce() async throws {
        let done = try await client.find(["_id": .string(Self.marker)], in: meta, options: FindOptions(limit: 1))
        if done.isEmpty {
            let rooms = try await client.distinct("room_id", filter: ["seq": ["$exists": false]], in: messages)
            if !rooms.isEmpty { logger.notice("numbering messages stored by the previous version", metadata: ["rooms": "\(rooms.count)"]) }
            for room in rooms {
                guard let roomID = room.stringValue else { continue }
                try await number(roomID: roomID)
            }
        }
        try await client.createIndexes(MessageDocument.numberIndexes, in: messages)
        if done.isEmpty {
            do {
                _ = try await client.insert(["_id": .string(Self.marker)], into: meta)
            } catch {
                // A duplicate: another instance finished first.
                guard error.isDuplicateKey else { throw error }
            }
        }
    }

    /// How many updates run at once: concurrent writes share the engine's group commit.
    private static let width = 8

    private func number(roomID: String) async throws {
        let order = try await client.find(
            ["room_id": .string(roomID)], in: messages,
            options: FindOptions(sort: ["timestamp": 1, "_id": 1], projection: ["_id": 1, "seq": 1]))
        let pending = order.enumerated().compactMap { rank, document -> (ObjectId, Int64)? in
            guard document["seq"] == nil, let id = document["_id"]?.objectIdValue else { return nil }
            return (id, Int64(rank + 1))
        }
        for start in stride(from: 0, to: pending.count, by: Self.width) {
            try await withThrowingTaskGroup(of: Void.self) { group in
                for (id, number) in pending[start..<min(start + Self.width, pending.count)] {
                    group.addTask {
                        _ = try await client.updateOne(
                            ["_id": .objectId(id), "seq": ["$exists": false]],
                            ["$set": ["seq": .int64(number), "change": .int64(number)]], in: messages)
                    }
                }
                try await group.waitForAll()
            }
        }
        // No room id at info: room ids are user-chosen names (debug has it).
        logger.info("numbered a room's earlier messages", metadata: ["messages": "\(pending.count)"])
        logger.debug("numbered room", metadata: ["room_id": "\(roomID)"])
    }
}
