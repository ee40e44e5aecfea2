/// Where and how the wire server listens. At least one of `port` and `unixSocketPath` must be set.
public struct WireServerConfiguration: Sendable {
    /// TCP bind address; loopback unless the caller really wants the network.
    public var host: String
    /// TCP port, 0 for any free one (start() reports it); nil for no TCP listener.
    public var port: Int?
    /// Unix domain socket path (mode 0600); nil for none.
    public var unixSocketPath: String?
    /// Frames declaring more than this many bytes close their connection (MongoDB's maxMessageSizeBytes).
    public var maxMessageSize: Int
    /// Connections beyond this many are closed on arrival.
    public var maxConnections: Int
    /// A connection with no traffic either way for this long is closed; nil keeps idle connections forever
    /// (drivers pool connections and may leave them quiet for a long time).
    public var idleTimeout: Duration?

    public init(
        host: String = "127.0.0.1", port: Int? = nil, unixSocketPath: String? = nil,
        maxMessageSize: Int = WireMessage.defaultMaxMessageSize, maxConnections: Int = 1000,
        idleTimeout: Duration? = nil
    ) {
        self.host = host
        self.port = port
        self.unixSocketPath = unixSocketPath
        self.maxMessageSize = maxMessageSize
        self.maxConnections = maxConnections
        self.idleTimeout = idleTimeout
    }
}
