import NIOCore

extension Message {
    /// The contract's message object; `client_id` only when the sender gave one.
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
        object.string("sender", sender)
        object.string("content", content)
        if RFC3339.fourDigitYears.contains(timestamp) {
            object.member("timestamp", valueCount: RFC3339.quotedCount) { out, offset in
                RFC3339.writeQuoted(milliseconds: timestamp, to: out, at: offset)
            }
        } else {
            object.string("timestamp", RFC3339.format(milliseconds: timestamp))
        }
        if let clientID { object.string("client_id", clientID) }
    }

    /// About how long the object is, for reserving its buffer: exact unless strings need escapes.
    var estimatedJSONByteCount: Int {
        // Braces, keys, quotes, separators, the id and the timestamp: 125 bytes with client_id, 110 without.
        125 + roomID.utf8.count + sender.utf8.count + content.utf8.count + (clientID?.utf8.count ?? 0)
    }
}
