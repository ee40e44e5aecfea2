extension Message {
    /// The contract's message object; `client_id` only when the sender gave one.
    var json: JSONWriter {
        var object = JSONWriter()
        object.string("id", id.hex)
        object.string("room_id", roomID)
        object.string("sender", sender)
        object.string("content", content)
        object.string("timestamp", RFC3339.format(milliseconds: timestamp))
        if let clientID { object.string("client_id", clientID) }
        return object
    }
}
