import NIOCore

extension Message {
    /// The message as one NDJSON line of an export: the API's message object, newline-terminated, plus a
    /// tombstone's `client_id`. The API leaves that out of a tombstone, but an import needs it: without it,
    /// a retried POST in the importing store would create a new message where this store returns the
    /// tombstone. Every other member an import keeps (id, timestamp, edited_at, deleted, deleted_at) is
    /// already in the object.
    func writeExportLine(to buffer: inout ByteBuffer) {
        var object = JSONWriter(capacity: estimatedJSONByteCount + 160)
        write(into: &object)
        if isDeleted, let clientID { object.string("client_id", clientID) }
        var line = object.finish()
        buffer.writeBuffer(&line)
        buffer.writeInteger(UInt8(ascii: "\n"))
    }
}
