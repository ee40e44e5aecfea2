import NIOCore

extension Page {
    /// `{"messages": [...], "has_more": bool, "prev_cursor": string|null, "next_cursor": string|null}`.
    ///
    /// prev_cursor marks the oldest message on the page (pass it as `before=` for older ones), next_cursor
    /// the newest (pass it as `after=` for newer ones). An empty page has no oldest message; its next_cursor
    /// echoes the `after` it was asked with, so a client polling for new messages keeps its place.
    ///
    /// The whole page is written into one buffer, reserved up front.
    func json(roomID: String, echoingAfter after: String?) -> JSONWriter {
        var capacity = 160 + (after?.utf8.count ?? 0)
        for message in messages { capacity += message.estimatedJSONByteCount + 1 }
        var object = JSONWriter(capacity: capacity)
        object.array("messages", of: messages) { message, element in message.write(into: &element) }
        object.bool("has_more", hasMore)
        if let first = messages.first {
            object.member("prev_cursor", valueCount: CursorCodec.quotedCount) { out, offset in
                CursorCodec.writeQuoted(first.position, roomID: roomID, to: out, at: offset)
            }
        } else {
            object.stringOrNull("prev_cursor", nil)
        }
        if let last = messages.last {
            object.member("next_cursor", valueCount: CursorCodec.quotedCount) { out, offset in
                CursorCodec.writeQuoted(last.position, roomID: roomID, to: out, at: offset)
            }
        } else {
            object.stringOrNull("next_cursor", after)
        }
        return object
    }
}
