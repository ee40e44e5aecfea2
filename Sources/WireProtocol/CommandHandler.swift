import BSON
import NIOCore

/// Executes commands for the wire server. The server owns bytes and connections; the handler owns meaning.
public protocol CommandHandler: Sendable {
    /// Returns the complete reply document (including ok). Never throws: errors are reply documents.
    func handle(_ request: CommandRequest) async -> Document
    /// Called when a connection closes, so the handler can release per-connection state (cursors are global,
    /// not needed).
    func connectionClosed(_ connectionID: Int) async
    /// Called once a connection is admitted, before its first command, with the peer's address (nil when
    /// the transport has none), so the handler can answer `whatsmyuri` and count connections.
    func connectionOpened(_ connectionID: Int, remoteAddress: SocketAddress?) async
}

extension CommandHandler {
    public func connectionOpened(_ connectionID: Int, remoteAddress: SocketAddress?) async {}
}
