import BSON
import Foundation
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
        _ = try await TestServer.with { server in
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

    @Test func failedStartReleasesWhatItBound() async throws {
        let port = try await TestServer.with { try #require($0.tcpAddress.port) }
        try await withTemporaryDirectory { directory in
            let notASocket = directory + "/plain-file"
            try Data().write(to: URL(fileURLWithPath: notASocket))
            let failing = WireServer(
                configuration: WireServerConfiguration(port: port, unixSocketPath: notASocket),
                handler: RecordingHandler(), logger: LogRecorder().makeLogger())
            await #expect(throws: WireServerError.socketPathNotASocket(notASocket)) { try await failing.start() }
        }
        // The TCP listener bound before the Unix path failed was released.
        try await TestServer.with(WireServerConfiguration(port: port)) { server in
            #expect(server.tcpAddress.port == port)
        }
    }

    @Test func idleConnectionsAreClosedWhenConfigured() async throws {
        try await TestServer.with(WireServerConfiguration(port: 0, idleTimeout: .milliseconds(200))) { server in
            let closed = try await WireTestClient.with(server.tcpAddress) { try await $0.isClosedByServer() }
            #expect(closed)
            #expect(server.logs.entries.contains { $0.message.contains("idle") })
        }
    }
}

/// Connections that arrive while the server shuts down must be closed, not crash the process: NIO drops
/// accepted channels still queued in a listener's stream when it ends (apple/swift-nio#2813).
@Suite(.timeLimit(.minutes(2))) struct ShutdownRaceTests {
    @Test(arguments: 0..<5)
    func shutdownWhileClientsConnect(_ round: Int) async throws {
        try await withTemporaryDirectory { directory in
            let path = directory + "/race.sock"
            let handler = RecordingHandler()
            let server = WireServer(
                configuration: WireServerConfiguration(unixSocketPath: path), handler: handler,
                logger: LogRecorder().makeLogger())
            let address = try #require(try await server.start().first)
            let outcomes = await withTaskGroup(of: Bool.self) { group in
                for _ in 0..<40 {
                    group.addTask {
                        // Each client either gets its answer or sees the server go away; both are fine.
                        (try? await WireTestClient.with(address) { try await $0.command(["ping": 1]) }) != nil
                    }
                }
                group.addTask {
                    await server.shutdown()
                    return false
                }
                return await group.reduce(into: [Bool]()) { $0.append($1) }
            }
            #expect(outcomes.count == 41)
            #expect(fileMode(at: path) == nil)
            let served = await handler.log.requests.count
            // A command may run and still lose its reply to the shutdown.
            #expect(served >= outcomes.filter { $0 }.count)
        }
    }
}
