import BSON
import MongoPool

extension MessageDocument {
    /// A sender's history pages from `(room_id, sender, seq)`; search from the text index on `content`
    /// with `room_id` as its equality prefix, so a search reads only one room's entries (and a `$text`
    /// query must name the room). Tombstones have no content, so the text index never holds them.
    /// MongoDB allows one text index per collection; this is it.
    static let searchIndexes: [IndexModel] = [
        IndexModel(keys: ["room_id": 1, "sender": 1, "seq": 1]),
        IndexModel(keys: ["room_id": 1, "content": "text"]),
    ]

    /// Live messages of a room (by `sender`, when given) strictly older than `before` whose content
    /// holds any of `search`'s words (MongoDB ORs them), which are passed only as the search string.
    static func searchFilter(roomID: String, search: String, sender: String?, before: Position?) -> Document {
        var filter = rangeFilter(roomID: roomID, sender: sender, after: nil, before: before)
        filter.append("$text", ["$search": .string(search)])
        filter.append("deleted_at", ["$exists": false])
        return filter
    }
}
