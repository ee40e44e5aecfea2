import BSON
import Logging
import NIOCore
import NIOPosix

/// Accepts MongoDB wire-protocol connections on TCP and/or a Unix domain socket and hands each command to a
/// CommandHandler. Each connection is served by its own task; a bad frame closes only its connection.
public final class WireServer: Sendable {
    typealias Connection = PendingConnection.Connection
    typealias Listener = NIOAsyncChannel<PendingConnection, Never>

    let configuration: WireServerConfiguration
    let handler: any CommandHandler
    let logger: Logger
    let group: any EventLoopGroup
    private let state: ServerState

    public init(
        configuration: WireServerConfiguration, handler: any CommandHandler, logger: Logger,
        eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton
    ) {
        self.configuration = configuration
        self.handler = handler
        self.logger = logger
        self.group = eventLoopGroup
        self.state = ServerState(maxConnections: configuration.maxConnections)
    }

    /// Binds every configured listener and starts accepting. Returns the bound addresses: the TCP one with
    /// its real port (useful with port 0), then the Unix socket path.
    public func start() async throws -> [SocketAddress] {
        guard configuration.port != nil || configuration.unixSocketPath != nil else { throw WireServerError.noListeners }
        try await state.beginStart()
        var listeners: [Listener] = []
        do {
            if let port = configuration.port { listeners.append(try await bindTCP(host: configuration.host, port: port)) }
            if let path = configuration.unixSocketPath { listeners.append(try await bindUnix(path: path)) }
        } catch {
            await close(listeners)
            await state.failStart()
            throw error
        }
        let bound = listeners
        let acceptor = Task { await withDiscardingTaskGroup { group in
            for listener in bound { group.addTask { await self.acceptConnections(on: listener) } }
        } }
        guard await state.finishStart(listeners: listeners.map(\.channel), acceptor: acceptor) else {
            for listener in listeners { try? await listener.channel.close() }
            await acceptor.value
            throw WireServerError.shutDownWhileStarting
        }
        let addresses = listeners.compactMap(\.channel.localAddress)
        logger.info("wire server listening", metadata: ["addresses": "\(addresses.map { "\($0)" })"])
        return addresses
    }

    /// Stops accepting, closes every connection (commands already running finish first, their replies
    /// dropped), and removes the Unix socket file.
    public func shutdown() async {
        guard let teardown = await state.beginStop() else { return }
        for listener in teardown.listeners { try? await listener.close() }
        for connection in teardown.connections { connection.close(promise: nil) }
        await teardown.acceptor?.value
        await state.finishStop()
        await removeSocketFile()
        logger.info("wire server stopped")
    }

    private func bindTCP(host: String, port: Int) async throws -> Listener {
        do {
            // ServerBootstrap already sets TCP_NODELAY on the listener, and accepted sockets inherit it.
            return try await ServerBootstrap(group: group)
                .serverChannelOption(.backlog, value: 256)
                .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
                .bind(host: host, port: port) { channel in self.initialize(channel) }
        } catch {
            throw WireServerError.bindFailed(address: "\(host):\(port)", reason: "\(error)")
        }
    }

    private func bindUnix(path: String) async throws -> Listener {
        try await UnixSocketFile.removeStale(at: path, group: group)
        let listener: Listener
        do {
            listener = try await ServerBootstrap(group: group)
                .serverChannelOption(.backlog, value: 256)
                .bind(unixDomainSocketPath: path) { channel in self.initialize(channel) }
        } catch {
            throw WireServerError.bindFailed(address: path, reason: "\(error)")
        }
        // Between bind and chmod the file has the umask's mode; the caller's directory should be private.
        do {
            try UnixSocketFile.restrictToOwner(at: path)
        } catch {
            await close([listener])
            try? UnixSocketFile.remove(at: path)
            throw error
        }
        return listener
    }

    /// Runs on the connection's event loop before it is handed to the accept loop.
    private func initialize(_ channel: any Channel) -> EventLoopFuture<PendingConnection> {
        channel.eventLoop.makeCompletedFuture {
            let pipeline = channel.pipeline.syncOperations
            if let idle = configuration.idleTimeout {
                try pipeline.addHandler(IdleStateHandler(allTimeout: TimeAmount(idle)))
                try pipeline.addHandler(IdleConnectionCloser(logger: logger))
            }
            try pipeline.addHandler(ByteToMessageHandler(WireFrameDecoder(maxMessageSize: configuration.maxMessageSize)))
            return PendingConnection(try Connection(wrappingChannelSynchronously: channel))
        }
    }

    private func acceptConnections(on listener: Listener) async {
        do {
            try await listener.executeThenClose { inbound in
                await withDiscardingTaskGroup { group in
                    do {
                        for try await pending in inbound { group.addTask { await self.serve(pending.take()) } }
                    } catch {
                        logger.error("stopped accepting connections: \(error)")
                    }
                    if await !state.isStopping {
                        logger.error("listener \(listener.channel.localAddress.map { "\($0)" } ?? "") closed unexpectedly")
                    }
                }
            }
        } catch {
            logger.error("closing listener failed: \(error)")
        }
    }

    private func serve(_ connection: Connection) async {
        var logger = self.logger
        logger[metadataKey: "remote"] = "\(connection.channel.remoteAddress.map { "\($0)" } ?? "unknown")"
        let id: Int
        switch await state.admit(connection.channel) {
        case .accepted(let connectionID):
            id = connectionID
        case .overLimit(let open):
            logger.warning("refusing connection: \(open) open connections reach the limit of \(configuration.maxConnections)")
            try? await connection.executeThenClose { _, _ in }
            return
        case .stopping:
            try? await connection.executeThenClose { _, _ in }
            return
        }
        logger[metadataKey: "connection"] = "\(id)"
        logger.debug("connection accepted")
        await handler.connectionOpened(id, remoteAddress: connection.channel.remoteAddress)

        let conversation = WireConnection(id: id, handler: handler, maxMessageSize: configuration.maxMessageSize,
                                          allocator: connection.channel.allocator)
        do {
            try await connection.executeThenClose { inbound, outbound in
                try await conversation.serve(inbound: inbound, outbound: outbound)
            }
            logger.debug("connection closed by peer")
        } catch let error as WireProtocolError {
            if case .closedMidFrame = error {
                logger.info("connection closed: \(error)")
            } else {
                logger.warning("closing connection: \(error)")
            }
        } catch {
            // Resets by the peer and closes during shutdown end here; nothing the server did wrong.
            logger.debug("connection ended: \(error)")
        }
        await state.remove(id)
        await handler.connectionClosed(id)
    }

    /// Closes listeners that never reached the accept loop (a later bind failed).
    private func close(_ listeners: [Listener]) async {
        for listener in listeners { try? await listener.executeThenClose { _ in } }
    }

    /// NIO unlinks the socket file when its listener closes; this covers a close that failed part-way.
    private func removeSocketFile() async {
        guard let path = configuration.unixSocketPath else { return }
        do {
            try UnixSocketFile.remove(at: path)
        } catch {
            logger.warning("could not remove the Unix socket file: \(error)")
        }
    }
}
