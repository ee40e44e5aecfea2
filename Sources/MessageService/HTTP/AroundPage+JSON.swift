import BSON
import NIOCore

extension AroundPage {
    /// `{"messages": [...], "prev_cursor": string, "next_cursor": string, "found_oldest": bool,
    /// "found_newest": bool}`: the cursors mark the oldest and newest message shown, for `before=` and
    /// `after=` as on any history page.
    func json(roomID: String) -> JSONWriter {
        var capacity = 200
        for message in messages { capacity += message.estimatedJSONByteCount + 1 }
        var object = JSONWriter(capacity: capacity)
        object.array("messages", of: messages) { message, element in message.write(into: &element) }
        for (key, message) in [("prev_cursor" as StaticString, messages.first), ("next_cursor", messages.last)] {
            guard let message else { continue }
            object.member(key, valueCount: CursorCodec.quotedCount) { out, offset in
                CursorCodec.writeQuoted(message.position, roomID: roomID, to: out, at: offset)
            }
        }
        object.bool("found_oldest", foundOldest)
        object.bool("found_newest", foundNewest)
        return object
    }

    /// The `around` parameter: a message id, spelled as the API prints ids.
    static func messageID(_ text: String) throws(MessageValidationError) -> ObjectId {
        if text.isEmpty { throw MessageValidationError(.around, .empty) }
        guard ObjectId.isCanonicalHex(text), let id = ObjectId(hex: text) else {
            throw MessageValidationError(.around, .notAnObjectID)
        }
        return id
    }
}
