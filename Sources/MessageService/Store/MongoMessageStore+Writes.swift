import BSON
import MongoPool

/// Creating, editing and deleting: each takes the room's next number(s) as `RoomHead` explains, and
/// reads again when the unique index says another writer took them first.
extension MongoMessageStore {
    public func insert(_ new: NewMessage) async throws -> InsertOutcome {
        try await writeQueue.run(in: new.roomID) { try await numberedInsert(new) }
    }

    private func numberedInsert(_ new: NewMessage) async throws -> InsertOutcome {
        // This instance's last write to the room, if any, stands in for the first read (see RoomHeadCache).
        var guess = heads.take(new.roomID)
        for attempt in 0..<NumberRetry.attempts {
            let head: RoomHead
            if let known = guess {
                head = known
                guess = nil
            } else {
                head = try await mapped { try await RoomHead.read(roomID: new.roomID, client: client, namespace: namespace) }
            }
            let now = clock.milliseconds()
            let message = Message(
                id: ObjectId(), roomID: new.roomID, sender: new.sender, content: new.content,
                timestamp: max(now, head.lastTimestamp ?? now), clientID: new.clientID,
                seq: head.lastSeq + 1, change: head.lastChange + 1)
            do {
                _ = try await client.insert(MessageDocument.encode(message), into: namespace)
                storeFull.ended(logger)
                heads.store(RoomHead(lastSeq: message.seq, lastTimestamp: message.timestamp, lastChange: message.change),
                            for: new.roomID)
                return .created(message)
            } catch let error where error.isDuplicateKey {
                // Either a retry of an earlier post (its client_id is taken), or another writer took this
                // seq or change first.
                if let clientID = new.clientID, let original = try await existing(roomID: new.roomID, clientID: clientID) {
                    return try Self.retried(new, original: original, clientID: clientID)
                }
                try await NumberRetry.pause(after: attempt)
            } catch {
                throw translate(error)
            }
        }
        throw MessageStoreError.contended
    }

    /// The answer to a post whose client_id is already stored: the original if it says the same thing
    /// (a tombstone: if the sender matches, its content being gone), else a conflict.
    static func retried(_ new: NewMessage, original: Message, clientID: String) throws -> InsertOutcome {
        let same = original.isDeleted ? new.sender.utf8.elementsEqual(original.sender.utf8) : new.hasSameText(as: original)
        guard same else { throw MessageStoreError.clientIDConflict(clientID: clientID) }
        return .existing(original)
    }

    public func edit(_ edit: MessageEdit) async throws -> EditOutcome? {
        // An edit moves the room's change number; the next post reads the head again.
        try await writeQueue.run(in: edit.roomID) { _ = heads.take(edit.roomID); return try await numberedEdit(edit) }
    }

    private func numberedEdit(_ edit: MessageEdit) async throws -> EditOutcome? {
        for attempt in 0..<NumberRetry.attempts {
            guard let current = try await message(roomID: edit.roomID, id: edit.id) else { return nil }
            if current.isDeleted { throw MessageStoreError.messageDeleted(id: edit.id.hex) }
            if edit.isNoOp(for: current) { return .unchanged(current) }
            let change = try await lastChange(roomID: edit.roomID) + 1
            let edited = current.edited(to: edit.content, change: change, at: clock.milliseconds())
            let update: Document = ["$set": [
                "content": .string(edited.content), "edited_at": .datetime(edited.editedAt!), "change": .int64(change),
            ]]
            if try await replace(current, with: update, attempt: attempt) { return .edited(edited) }
        }
        throw MessageStoreError.contended
    }

    public func delete(roomID: String, id: ObjectId) async throws -> Message? {
        try await writeQueue.run(in: roomID) { _ = heads.take(roomID); return try await numberedDelete(roomID: roomID, id: id) }
    }

    private func numberedDelete(roomID: String, id: ObjectId) async throws -> Message? {
        for attempt in 0..<NumberRetry.attempts {
            guard let current = try await message(roomID: roomID, id: id) else { return nil }
            if current.isDeleted { return current }
            let change = try await lastChange(roomID: roomID) + 1
            let tombstone = current.tombstone(change: change, at: clock.milliseconds())
            let update: Document = [
                "$set": ["change": .int64(change), "deleted_at": .datetime(tombstone.deletedAt!)],
                "$unset": ["content": "", "edited_at": ""],
            ]
            if try await replace(current, with: update, attempt: attempt) { return tombstone }
        }
        throw MessageStoreError.contended
    }

    /// Applies `update` to `current` only if no other change reached it since it was read (its change
    /// number is the one read). False when another writer got there first: the number, or the message.
    private func replace(_ current: Message, with update: Document, attempt: Int) async throws -> Bool {
        let filter: Document = [
            "_id": .objectId(current.id), "room_id": .string(current.roomID), "change": .int64(current.change),
        ]
        do {
            let result = try await client.updateOne(filter, update, in: namespace)
            storeFull.ended(logger)
            if result.matchedCount == 1 { return true }
        } catch let error where error.isDuplicateKey {
            try await NumberRetry.pause(after: attempt)
        } catch {
            throw translate(error)
        }
        return false
    }
}
