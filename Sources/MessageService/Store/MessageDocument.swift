import BSON
import MongoPool

/// How a message is stored: `{_id, room_id, timestamp: datetime, sender, content, client_id?}`.
enum MessageDocument {
    static let indexes: [IndexModel] = [
        IndexModel(keys: ["room_id": 1, "timestamp": 1, "_id": 1]),
        IndexModel(keys: ["room_id": 1, "client_id": 1], unique: true,
                   partialFilterExpression: ["client_id": ["$exists": true]]),
    ]

    static func encode(_ message: Message) -> Document {
        // Sized for the whole message, so libbson does not grow its buffer while appending.
        let estimate = 96 + message.roomID.utf8.count + message.sender.utf8.count + message.content.utf8.count
            + (message.clientID?.utf8.count ?? 0)
        var document = Document(capacity: estimate)
        document.append("_id", .objectId(message.id))
        document.append("room_id", .string(message.roomID))
        document.append("timestamp", .datetime(message.timestamp))
        document.append("sender", .string(message.sender))
        document.append("content", .string(message.content))
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
            case 9 where !seenClientID && element.keyEquals("client_id"):
                seenClientID = true
                take(&clientID, element.stringValue)
            default:
                break
            }
            return isWellShaped
        }
        guard isWellShaped, let id, let room, let timestamp, let sender, let content else {
            throw MessageStoreError.corruptDocument(detail: "keys \((Document(copying: view) ?? Document()).keys)")
        }
        return Message(id: id, roomID: room, sender: sender, content: content, timestamp: timestamp, clientID: clientID)
    }

    /// Messages of a room strictly after `after` and strictly before `before` in (timestamp, _id) order.
    /// The timestamp range is stated on its own so the planner can bound the index scan by it; the
    /// `$or`s then settle ties within the boundary milliseconds.
    static func rangeFilter(roomID: String, after: Position?, before: Position?) -> Document {
        var filter: Document = ["room_id": .string(roomID)]
        var timestamp = Document()
        var ties: [BSONValue] = []
        if let after {
            timestamp.append("$gte", .datetime(after.timestamp))
            ties.append(["$or": [["timestamp": ["$gt": .datetime(after.timestamp)]], ["_id": ["$gt": .objectId(after.id)]]]])
        }
        if let before {
            timestamp.append("$lte", .datetime(before.timestamp))
            ties.append(["$or": [["timestamp": ["$lt": .datetime(before.timestamp)]], ["_id": ["$lt": .objectId(before.id)]]]])
        }
        if !timestamp.isEmpty { filter.append("timestamp", .document(timestamp)) }
        if !ties.isEmpty { filter.append("$and", .array(ties)) }
        return filter
    }
}

