/// What the HTTP layer needs to know from the command line.
public struct ServiceConfiguration: Sendable {
    public var host: String
    public var port: Int
    /// The most UTF-8 bytes a message's content may have after JSON unescaping.
    public var maxContentBytes: Int
    /// The most bytes a request body may have.
    public var maxBodyBytes: Int
    /// The most bytes an import body (`POST /rooms/{room_id}/import`) may have; it is streamed, not held.
    public var maxImportBytes = 268_435_456
    /// A request head must arrive within this long of the connection opening or the previous response
    /// (slow clients are disconnected, and idle keep-alive connections closed).
    public var requestHeadTimeoutSeconds: Int64 = 10
    /// A request body must arrive within this long of its head.
    public var requestBodyTimeoutSeconds: Int64 = 30
    /// The most HTTP connections open at once. Beyond it the server stops accepting, so further clients
    /// wait in the listen backlog until one closes (idle ones are closed after the head timeout), rather
    /// than each costing the process a socket and memory without bound.
    public var maxConnections: Int
    /// Live streams (`GET /rooms/{room_id}/live`).
    public var live: LiveSettings

    public init(host: String = "127.0.0.1", port: Int = 8080, maxContentBytes: Int = 16384, maxBodyBytes: Int = 1_048_576,
                maxConnections: Int = 10_000, live: LiveSettings = LiveSettings()) {
        self.live = live
        self.host = host
        self.port = port
        self.maxContentBytes = maxContentBytes
        self.maxBodyBytes = maxBodyBytes
        self.maxConnections = maxConnections
    }
}
