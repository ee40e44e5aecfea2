import BSON
import MongoPool

/// Importing a batch of messages into a room.
///
/// Batched for speed, numbered as posts are. A round looks up the batch's ids (in every room) and
/// client_ids (in the room) by index, decides what is already there (`ImportPlan`), reads the
/// room's head once and inserts the rest with one ordered insertMany, numbered head.seq + 1… and
/// head.change + 1… The unique `(room_id, seq)` and `(room_id, change)` indexes still decide: an
/// ordered insert stores its documents in order, so change c + 2 is only stored once c + 1 is, and a
/// writer that took one of the numbers first makes the insert stop at that document with a duplicate
/// key. The documents before it are stored (the reply's count says how many); the rest go into the next
/// round, which reads the head again, exactly as a POST retries. So once a reader has seen change N, no
/// change ≤ N appears later, imports included, and readers of the change feed see imported messages as
/// ordinary new changes. A duplicate `_id` or client_id (a concurrent import of the same lines) ends a
/// round the same way, and the next round finds that message stored and answers `existing`.
extension MongoMessageStore {
    public func importMessages(_ batch: [ImportedMessage], roomID: String) async throws -> [ImportOutcome] {
        // Taking the room's numbers in bulk makes this instance's guess of its head stale.
        try await writeQueue.run(in: roomID) { _ = heads.take(roomID); return try await importRounds(batch, roomID: roomID) }
    }

    private func importRounds(_ batch: [ImportedMessage], roomID: String) async throws -> [ImportOutcome] {
        var outcomes = [ImportOutcome?](repeating: nil, count: batch.count)
        var remaining = Array(batch.indices)
        var collisions = 0
        while !remaining.isEmpty {
            let byID = try await stored(ids: remaining.compactMap { batch[$0].id })
            let byClientID = try await stored(roomID: roomID, clientIDs: remaining.compactMap { batch[$0].clientID })
            let plan = ImportPlan(batch, indexes: remaining, roomID: roomID, storedByID: byID, storedByClientID: byClientID)
            for (index, outcome) in plan.decided { outcomes[index] = outcome }
            remaining = plan.deferred
            guard !plan.pending.isEmpty else { continue }

            let head = try await mapped { try await RoomHead.read(roomID: roomID, client: client, namespace: namespace) }
            let messages = plan.numbered(batch, roomID: roomID, head: head, now: clock.milliseconds())
            let storedCount: Int
            do {
                _ = try await client.insertMany(messages.map(MessageDocument.encode), into: namespace, ordered: true)
                storeFull.ended(logger)
                storedCount = messages.count
            } catch let error where error.isDuplicateKey {
                storedCount = Self.insertedBeforeFailure(error, of: messages.count)
                collisions += 1
                guard collisions < NumberRetry.attempts else { throw MessageStoreError.contended }
                remaining = (plan.pending[storedCount...].map(\.index) + remaining).sorted()
                try await NumberRetry.pause(after: collisions)
            } catch {
                throw translate(error)
            }
            for (offset, entry) in plan.pending.prefix(storedCount).enumerated() { outcomes[entry.index] = .imported(messages[offset]) }
        }
        return outcomes.map { $0! }
    }

    /// How many documents of an ordered insertMany were stored before the one refused: the reply's count,
    /// else the index of the first write error.
    private static func insertedBeforeFailure(_ error: MongoError, of count: Int) -> Int {
        if let inserted = error.reply?["insertedCount"]?.integerValue { return min(count, Int(inserted)) }
        let first = error.reply?["writeErrors"]?.arrayValue?.first?.documentValue?["index"]?.integerValue
        return min(count, Int(first ?? 0))
    }

    /// The stored messages with these ids, in any room: one `$in` query (an index interval per id on
    /// either backend).
    private func stored(ids: [ObjectId]) async throws -> [ObjectId: Message] {
        guard !ids.isEmpty else { return [:] }
        let found = try await mapped {
            try await client.find(["_id": ["$in": .array(ids.map { .objectId($0) })]], in: namespace,
                                  decoding: MessageDocument.decode)
        }
        return Dictionary(found.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The room's messages with these client_ids: one `$in` query on the `(room_id, client_id)` index.
    private func stored(roomID: String, clientIDs: [String]) async throws -> [String: Message] {
        guard !clientIDs.isEmpty else { return [:] }
        let filter: Document = ["room_id": .string(roomID), "client_id": ["$in": .array(clientIDs.map { .string($0) })]]
        let found = try await mapped { try await client.find(filter, in: namespace, decoding: MessageDocument.decode) }
        return Dictionary(found.compactMap { message in message.clientID.map { ($0, message) } },
                          uniquingKeysWith: { first, _ in first })
    }
}
