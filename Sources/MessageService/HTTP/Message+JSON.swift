import NIOCore

extension Message {
    /// The contract's message object. A live message: id, room_id, seq, change, sender, content, timestamp,
    /// `edited_at` once edited, `client_id` when the sender gave one. A tombstone: id, room_id, seq, change,
    /// sender, timestamp, `deleted: true` and `deleted_at`, and nothing of what was said.
    var json: JSONWriter {
        var object = JSONWriter(capacity: estimatedJSONByteCount)
        write(into: &object)
        return object
    }

    /// Writes the members of the message object into `object`.
    func write(into object: inout JSONWriter) {
        object.member("id", valueCount: 26) { out, offset in
            out[offset] = UInt8(ascii: "\"")
            id.writeHex(to: out.baseAddress! + offset + 1)
            out[offset + 25] = UInt8(ascii: "\"")
            return offset + 26
        }
        object.string("room_id", roomID)
        object.integer("seq", seq)
        object.integer("change", change)
        object.string("sender", sender)
        if let deletedAt {
            Self.writeTime("timestamp", timestamp, into: &object)
            object.bool("deleted", true)
            Self.writeTime("deleted_at", deletedAt, into: &object)
            return
        }
        object.string("content", content)
        Self.writeTime("timestamp", timestamp, into: &object)
        if let editedAt { Self.writeTime("edited_at", editedAt, into: &object) }
        if let clientID { object.string("client_id", clientID) }
    }

    private static func writeTime(_ key: StaticString, _ milliseconds: Int64, into object: inout JSONWriter) {
        if RFC3339.fourDigitYears.contains(milliseconds) {
            object.member(key, valueCount: RFC3339.quotedCount) { out, offset in
                RFC3339.writeQuoted(milliseconds: milliseconds, to: out, at: offset)
            }
        } else {
            object.string(key, RFC3339.format(milliseconds: milliseconds))
        }
    }

    /// About how long the object is, for reserving its buffer: exact unless strings need escapes.
    var estimatedJSONByteCount: Int {
        // Braces, keys, quotes, separators, the id, numbers and times.
        200 + roomID.utf8.count + sender.utf8.count + content.utf8.count + (clientID?.utf8.count ?? 0)
    }
}
