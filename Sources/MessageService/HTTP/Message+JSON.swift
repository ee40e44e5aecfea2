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
        object.raw("id") { buffer in
            buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: 26) { out in
                out.storeBytes(of: UInt8(ascii: "\""), toByteOffset: 0, as: UInt8.self)
                id.writeHex(to: out.baseAddress! + 1)
                out.storeBytes(of: UInt8(ascii: "\""), toByteOffset: 25, as: UInt8.self)
                return 26
            }
        }
        object.string("room_id", roomID)
        object.string("sender", sender)
        object.string("content", content)
        object.raw("timestamp") { buffer in RFC3339.writeQuoted(milliseconds: timestamp, to: &buffer) }
        if let clientID { object.string("client_id", clientID) }
    }

    /// About how long the object is, for reserving its buffer: exact unless strings need escapes.
    var estimatedJSONByteCount: Int {
        // Braces, keys, quotes, separators, the id and the timestamp: 125 bytes with client_id, 110 without.
        125 + roomID.utf8.count + sender.utf8.count + content.utf8.count + (clientID?.utf8.count ?? 0)
    }
}
