/// Why the wire server could not start.
public enum WireServerError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Neither a TCP port nor a Unix socket path was configured.
    case noListeners
    /// start() was called twice, or after shutdown().
    case alreadyStarted
    /// shutdown() ran while start() was still binding.
    case shutDownWhileStarting
    /// A server is still accepting connections on this Unix socket path, so it is not stale.
    case socketPathInUse(String)
    /// Something other than a socket exists at the Unix socket path; it is left alone.
    case socketPathNotASocket(String)
    /// A filesystem call on the Unix socket path failed.
    case socketFile(path: String, operation: String, errno: Int32)
    /// Binding a listener failed.
    case bindFailed(address: String, reason: String)

    public var description: String {
        switch self {
        case .noListeners: "no TCP port or Unix socket path configured"
        case .alreadyStarted: "the wire server was already started"
        case .shutDownWhileStarting: "the wire server was shut down while starting"
        case .socketPathInUse(let path): "another server is listening on \(path)"
        case .socketPathNotASocket(let path): "\(path) exists and is not a socket; refusing to replace it"
        case .socketFile(let path, let operation, let errno): "\(operation) \(path) failed with errno \(errno)"
        case .bindFailed(let address, let reason): "cannot listen on \(address): \(reason)"
        }
    }
}
