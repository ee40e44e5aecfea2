import BSON
import MongoPool

/// How a message is stored: `{_id, room_id, seq, change, timestamp: datetime, sender, content, client_id?,
/// edited_at?: datetime}`; a tombstone has `deleted_at: datetime` and no `content` or `edited_at`.
enum MessageDocument {
    /// Indexes needed before `SeqBackfill` runs: client_id idempotency, and `(room_id, timestamp, _id)`,
    /// the previous version's order, which the backfill follows.
    static let baseIndexes: [IndexModel] = [
        IndexModel(keys: ["room_id": 1, "client_id": 1], unique: true,
                   partialFilterExpression: ["client_id": ["$exists": true]]),
        IndexModel(keys: ["room_id": 1, "timestamp": 1, "_id": 1]),
    ]

    /// History pages and the seq of a new message come from `(room_id, seq)`, the change feed and the next
    /// change number from `(room_id, change)`. Both are unique: that is what makes "max + 1, retry on a
    /// duplicate" hand each number out once (see `RoomHead`). They are not partial (a query with a range
    /// on seq would not be planned on a partial index by the embedded engine), so they are created after
    /// the backfill has given every document of the previous version both fields.
    static let numberIndexes: [IndexModel] = [
        IndexModel(keys: ["room_id": 1, "seq": 1], unique: true),
        IndexModel(keys: ["room_id": 1, "change": 1], unique: true),
    ]

    static func encode(_ message: Message) -> Document {
        // Sized for the whole message, so libbson does not grow its buffer while appending.
        let estimate = 160 + message.roomID.utf8.count + message.sender.utf8.count + message.content.utf8.count
            + (message.clientID?.utf8.count ?? 0)
        var document = Document(capacity: estimate)
        document.append("_id", .objectId(message.id))
        document.append("room_id", .string(message.roomID))
        document.append("seq", .int64(message.seq))
        document.append("change", .int64(message.change))
        document.append("timestamp", .datetime(message.timestamp))
        document.append("sender", .string(message.sender))
        if let deletedAt = message.deletedAt {
            document.append("deleted_at", .datetime(deletedAt))
        } else {
            document.append("content", .string(message.content))
            if let editedAt = message.editedAt { document.append("edited_at", .datetime(editedAt)) }
        }
        if let clientID = message.clientID { document.append("client_id", .string(clientID)) }
        return document
    }

    static func decode(_ document: Document) throws -> Message {
        try document.withView(decode)
    }

    /// One pass over the elements. As with looking each key up, the first element under a key is the one
    /// that counts, and the walk ends quietly at bytes that are not a well-formed element.
    @Sendable static func decode(_ view: BSONView) throws -> Message {
        var id: ObjectId?
        var room: String?
        var timestamp: Int64?
        var sender: String?
        var content: String?
        var clientID: String?
        var seenClientID = false
        var seq: Int64?
        var change: Int64?
        var editedAt: Int64?
        var deletedAt: Int64?
        var isWellShaped = true
        /// Fills an empty slot with the element's value; a value of the wrong type ends the walk.
        func take<T>(_ slot: inout T?, _ value: T?) {
            slot = value
            isWellShaped = value != nil
        }
        view.forEachElement { element in
            switch element.key.count {
            case 3 where id == nil && element.keyEquals("_id"): take(&id, element.objectIdValue)
            case 7 where room == nil && element.keyEquals("room_id"): take(&room, element.stringValue)
            case 9 where timestamp == nil && element.keyEquals("timestamp"): take(&timestamp, element.datetimeValue)
            case 6 where sender == nil && element.keyEquals("sender"): take(&sender, element.stringValue)
            case 7 where content == nil && element.keyEquals("content"): take(&content, element.stringValue)
            case 3 where seq == nil && element.keyEquals("seq"): take(&seq, element.integerValue)
            case 6 where change == nil && element.keyEquals("change"): take(&change, element.integerValue)
            case 9 where editedAt == nil && element.keyEquals("edited_at"): take(&editedAt, element.datetimeValue)
            case 10 where deletedAt == nil && element.keyEquals("deleted_at"): take(&deletedAt, element.datetimeValue)
            case 9 where !seenClientID && element.keyEquals("client_id"):
                seenClientID = true
                take(&clientID, element.stringValue)
            default:
                break
            }
            return isWellShaped
        }
        guard isWellShaped, let id, let room, let timestamp, let sender, let seq, let change,
              content != nil || deletedAt != nil else {
            throw MessageStoreError.corruptDocument(detail: "keys \((Document(copying: view) ?? Document()).keys)")
        }
        return Message(id: id, roomID: room, sender: sender, content: deletedAt == nil ? content ?? "" : "",
                       timestamp: timestamp, clientID: clientID, seq: seq, change: change,
                       editedAt: deletedAt == nil ? editedAt : nil, deletedAt: deletedAt)
    }

    /// Messages of a room (by `sender`, when given) strictly after `after` and strictly before `before` in
    /// seq order.
    static func rangeFilter(roomID: String, sender: String? = nil, after: Position?, before: Position?) -> Document {
        var filter: Document = ["room_id": .string(roomID)]
        if let sender { filter.append("sender", .string(sender)) }
        var seq = Document()
        if let after { seq.append("$gt", .int64(after.seq)) }
        if let before { seq.append("$lt", .int64(before.seq)) }
        if !seq.isEmpty { filter.append("seq", .document(seq)) }
        return filter
    }

    /// Messages of a room whose latest change is after `after` (and at most `through`, when given).
    static func changesFilter(roomID: String, after: Int64, through: Int64? = nil) -> Document {
        var change: Document = ["$gt": .int64(after)]
        if let through { change.append("$lte", .int64(through)) }
        return ["room_id": .string(roomID), "change": .document(change)]
    }
}
