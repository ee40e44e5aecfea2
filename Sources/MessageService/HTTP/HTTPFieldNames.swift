import HTTPTypes

extension HTTPField.Name {
    /// Sent by a browser's EventSource when it reconnects: the id of the last event it received.
    static let lastEventID = HTTPField.Name("Last-Event-ID")!
    /// Asks nginx-style proxies not to hold a stream's events back in a buffer.
    static let xAccelBuffering = HTTPField.Name("X-Accel-Buffering")!
}
