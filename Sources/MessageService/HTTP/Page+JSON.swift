extension Page {
    /// `{"messages": [...], "has_more": bool, "prev_cursor": string|null, "next_cursor": string|null}`.
    ///
    /// prev_cursor marks the oldest message on the page (pass it as `before=` for older ones), next_cursor
    /// the newest (pass it as `after=` for newer ones). An empty page has no oldest message; its next_cursor
    /// echoes the `after` it was asked with, so a client polling for new messages keeps its place.
    func json(roomID: String, echoingAfter after: String?) -> JSONWriter {
        var object = JSONWriter()
        object.array("messages", messages.map(\.json))
        object.bool("has_more", hasMore)
        object.stringOrNull("prev_cursor", messages.first.map { CursorCodec.encode($0.position, roomID: roomID) })
        object.stringOrNull("next_cursor", messages.last.map { CursorCodec.encode($0.position, roomID: roomID) } ?? after)
        return object
    }
}
