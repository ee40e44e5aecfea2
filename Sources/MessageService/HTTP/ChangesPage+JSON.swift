import NIOCore

extension ChangesPage {
    /// `{"changes": [message…], "last_change": M, "has_more": bool}`: M is the last change on the page,
    /// or `after` itself when the page is empty, so a client polling with `after=M` keeps its place.
    func json(after: Int64) -> JSONWriter {
        var capacity = 80
        for message in changes { capacity += message.estimatedJSONByteCount + 1 }
        var object = JSONWriter(capacity: capacity)
        object.array("changes", of: changes) { message, element in message.write(into: &element) }
        object.integer("last_change", lastChange(after: after))
        object.bool("has_more", hasMore)
        return object
    }
}
