/// What the HTTP layer needs to know from the command line.
public struct ServiceConfiguration: Sendable {
    public var host: String
    public var port: Int
    /// The most UTF-8 bytes a message's content may have after JSON unescaping.
    public var maxContentBytes: Int
    /// The most bytes a request body may have.
    public var maxBodyBytes: Int
    /// A request head must arrive within this long of the connection opening or the previous response
    /// (slow clients are disconnected, and idle keep-alive connections closed).
    public var requestHeadTimeoutSeconds: Int64 = 10
    /// A request body must arrive within this long of its head.
    public var requestBodyTimeoutSeconds: Int64 = 30

    public init(host: String = "127.0.0.1", port: Int = 8080, maxContentBytes: Int = 16384, maxBodyBytes: Int = 1_048_576) {
        self.host = host
        self.port = port
        self.maxContentBytes = maxContentBytes
        self.maxBodyBytes = maxBodyBytes
    }
}
