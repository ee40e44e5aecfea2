import BSON
import Foundation
import NIOCore
import NIOPosix
import Testing
import WireProtocol

@Suite(.timeLimit(.minutes(1))) struct UnixSocketTests {
    @Test func servesOnAUnixSocketWithOwnerOnlyMode() async throws {
        try await withTemporaryDirectory { directory in
            let path = directory + "/engine.sock"
            try await TestServer.with(WireServerConfiguration(unixSocketPath: path)) { server in
                #expect(server.addresses.count == 1)
                #expect(server.addresses.first?.pathname == path)
                let mode = try #require(fileMode(at: path))
                #expect(mode.isSocket)
                #expect(mode.permissions == 0o600)

                let reply = try await WireTestClient.with(try SocketAddress(unixDomainSocketPath: path)) {
                    try await $0.command(["ping": 1, "$db": "admin"])
                }
                #expect(reply["echo"] == .document(["ping": 1, "$db": "admin"]))
            }
            #expect(fileMode(at: path) == nil)
        }
    }

    @Test func tcpAndUnixTogether() async throws {
        try await withTemporaryDirectory { directory in
            let path = directory + "/both.sock"
            try await TestServer.with(WireServerConfiguration(port: 0, unixSocketPath: path)) { server in
                #expect(server.addresses.count == 2)
                #expect(server.tcpAddress.port != 0)
                let viaTCP = try await WireTestClient.with(server.tcpAddress) { try await $0.connectionID() }
                let viaUnix = try await WireTestClient.with(try SocketAddress(unixDomainSocketPath: path)) {
                    try await $0.connectionID()
                }
                #expect(viaTCP != viaUnix)
            }
        }
    }

    @Test func staleSocketFileIsReplaced() async throws {
        try await withTemporaryDirectory { directory in
            let path = directory + "/stale.sock"
            try leaveStaleSocketFile(at: path)
            #expect(fileMode(at: path)?.isSocket == true)

            try await TestServer.with(WireServerConfiguration(unixSocketPath: path)) { server in
                #expect(fileMode(at: path)?.permissions == 0o600)
                let reply = try await WireTestClient.with(try SocketAddress(unixDomainSocketPath: path)) {
                    try await $0.command(["ping": 1])
                }
                #expect(reply["ok"] == .double(1))
            }
        }
    }

    @Test func liveSocketIsNotTakenOver() async throws {
        try await withTemporaryDirectory { directory in
            let path = directory + "/live.sock"
            try await TestServer.with(WireServerConfiguration(unixSocketPath: path)) { _ in
                let second = WireServer(
                    configuration: WireServerConfiguration(unixSocketPath: path), handler: RecordingHandler(),
                    logger: LogRecorder().makeLogger())
                await #expect(throws: WireServerError.socketPathInUse(path)) { try await second.start() }
                #expect(fileMode(at: path)?.isSocket == true)
            }
        }
    }

    @Test func regularFileAtThePathIsLeftAlone() async throws {
        try await withTemporaryDirectory { directory in
            let path = directory + "/data.sock"
            try Data("keep me".utf8).write(to: URL(fileURLWithPath: path))
            let server = WireServer(
                configuration: WireServerConfiguration(unixSocketPath: path), handler: RecordingHandler(),
                logger: LogRecorder().makeLogger())
            await #expect(throws: WireServerError.socketPathNotASocket(path)) { try await server.start() }
            #expect(try String(contentsOfFile: path, encoding: .utf8) == "keep me")
        }
    }
}
