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
        var document: Document = [
            "_id": .objectId(message.id), "room_id": .string(message.roomID),
            "timestamp": .datetime(message.timestamp), "sender": .string(message.sender),
            "content": .string(message.content),
        ]
        if let clientID = message.clientID { document.append("client_id", .string(clientID)) }
        return document
    }

    static func decode(_ document: Document) throws -> Message {
        guard case .objectId(let id)? = document["_id"], case .string(let room)? = document["room_id"],
              case .datetime(let timestamp)? = document["timestamp"], case .string(let sender)? = document["sender"],
              case .string(let content)? = document["content"]
        else { throw StoredMessageError(document: document) }
        let clientID: String?
        switch document["client_id"] {
        case nil: clientID = nil
        case .string(let value)?: clientID = value
        default: throw StoredMessageError(document: document)
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

/// A document in `messages` that is not a message as msgsvc writes them.
struct StoredMessageError: Error, CustomStringConvertible {
    let document: Document
    var description: String { "stored message has an unexpected shape: \(document.keys)" }
}
