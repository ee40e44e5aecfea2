import BSON
import NIOCore
import NIOPosix
import Testing
import WireProtocol

@Suite(.timeLimit(.minutes(1))) struct ServerLifecycleTests {
    @Test func shutdownClosesConnectionsAndRemovesTheSocketFile() async throws {
        try await withTemporaryDirectory { directory in
            let path = directory + "/engine.sock"
            let handler = RecordingHandler()
            let server = WireServer(
                configuration: WireServerConfiguration(port: 0, unixSocketPath: path), handler: handler,
                logger: LogRecorder().makeLogger())
            let addresses = try await server.start()
            let tcp = try #require(addresses.first { $0.protocol != .unix })

            try await WireTestClient.with(tcp) { client in
                let id = try await client.connectionID()
                await server.shutdown()
                #expect(try await client.isClosedByServer())
                #expect(await handler.log.closedConnections.contains(id))
            }
            #expect(fileMode(at: path) == nil)
            await #expect(throws: (any Error).self) {
                try await WireTestClient.with(tcp) { try await $0.connectionID() }
            }
            // A second shutdown is harmless.
            await server.shutdown()
        }
    }

    @Test func startNeedsAListener() async {
        let server = WireServer(
            configuration: WireServerConfiguration(), handler: RecordingHandler(), logger: LogRecorder().makeLogger())
        await #expect(throws: WireServerError.noListeners) { try await server.start() }
    }

    @Test func startTwiceIsRefused() async throws {
        try await TestServer.with { server in
            await #expect(throws: WireServerError.alreadyStarted) { try await server.server.start() }
        }
    }

    @Test func portInUseIsReported() async throws {
        try await TestServer.with { server in
            let port = try #require(server.tcpAddress.port)
            let second = WireServer(
                configuration: WireServerConfiguration(port: port), handler: RecordingHandler(),
                logger: LogRecorder().makeLogger())
            await #expect {
                try await second.start()
            } throws: { error in
                guard case WireServerError.bindFailed(let address, _) = error else { return false }
                return address == "127.0.0.1:\(port)"
            }
        }
    }

    @Test func idleConnectionsAreClosedWhenConfigured() async throws {
        try await TestServer.with(WireServerConfiguration(port: 0, idleTimeout: .milliseconds(200))) { server in
            try await WireTestClient.with(server.tcpAddress) { client in
                _ = try await client.connectionID()
                #expect(try await client.isClosedByServer())
            }
            #expect(server.logs.entries.contains { $0.message.contains("idle") })
        }
    }
}
