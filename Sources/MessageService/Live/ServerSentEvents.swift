import NIOCore

/// The text/event-stream framing of the live stream (WHATWG HTML, "Server-sent events").
enum ServerSentEvents {
    static let contentType = "text/event-stream; charset=utf-8"

    /// `retry: <ms>`: how long a browser's EventSource waits before reconnecting.
    static func retry(milliseconds: Int) -> ByteBuffer {
        ByteBuffer(string: "retry: \(milliseconds)\n\n")
    }

    /// A comment line: ignored by clients, but traffic, so proxies do not close an idle stream.
    static let heartbeat = ByteBuffer(string: ": keep-alive\n\n")

    /// `id: <change>`, `event: message`, `data: <message JSON>` for each message. The JSON is one line:
    /// the writer escapes every control character inside strings, so no newline can split the data field.
    static func events(_ messages: some Collection<Message>) -> ByteBuffer {
        var buffer = ByteBufferAllocator().buffer(capacity: messages.reduce(0) { $0 + $1.estimatedJSONByteCount + 48 })
        for message in messages {
            buffer.writeString("id: \(message.change)\nevent: message\ndata: ")
            var json = message.json.finish()
            buffer.writeBuffer(&json)
            buffer.writeString("\n\n")
        }
        return buffer
    }
}
