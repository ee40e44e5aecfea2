import BSON
import NIOCore
import Testing
import WireProtocol

/// A broken frame closes only the connection it came on, and the log says why.
@Suite(.timeLimit(.minutes(1))) struct ServerIsolationTests {
    struct BadInput: Sendable, CustomTestStringConvertible {
        var name: String
        var bytes: [UInt8]
        /// Text the server's log line for the closed connection must contain.
        var reason: String
        var testDescription: String { name }
    }

    static let validBody: Document = ["ping": 1, "$db": "admin"]

    static let badInputs: [BadInput] = [
        BadInput(name: "HTTP request", bytes: Array("GET / HTTP/1.1\r\nHost: x\r\n\r\n".utf8), reason: "exceeds maxMessageSizeBytes"),
        BadInput(name: "negative length garbage", bytes: [0xDE, 0xAD, 0xBE, 0xEF, 1, 2, 3, 4], reason: "smaller than the 16-byte header"),
        BadInput(
            name: "length 48,000,001 with only a header",
            bytes: Frame().int32(48_000_001).int32(1).int32(0).int32(2013).bytes,
            reason: "messageLength 48000001 exceeds maxMessageSizeBytes 48000000"),
        BadInput(
            name: "OP_COMPRESSED",
            bytes: Frame(requestID: 1, opCode: 2012).int32(2013).int32(20).byte(0).raw([UInt8](repeating: 0, count: 20)).finished(),
            reason: "unsupported opCode OP_COMPRESSED (2012)"),
        BadInput(
            name: "legacy OP_INSERT",
            bytes: Frame(requestID: 1, opCode: 2002).int32(0).cstring("t.c").document(["a": 1]).finished(),
            reason: "unsupported opCode OP_INSERT (2002)"),
        BadInput(
            name: "unknown opcode",
            bytes: Frame(requestID: 1, opCode: 4242).uint32(0).byte(0).document(validBody).finished(),
            reason: "unsupported opCode 4242"),
        BadInput(
            name: "OP_REPLY from a client",
            bytes: Frame(requestID: 1, opCode: 1).int32(0).int64(0).int32(0).int32(1).document(["ok": 1]).finished(),
            reason: "unsupported opCode OP_REPLY (1)"),
        BadInput(
            name: "invalid BSON body",
            bytes: Frame(requestID: 1, opCode: 2013).uint32(0).byte(0).raw(validBody.bytes.enumerated().map { $0.offset == 4 ? 0x20 : $0.element }).finished(),
            reason: "OP_MSG body is not a valid BSON document"),
        BadInput(
            name: "kind-1 size overrunning the message",
            bytes: Frame(requestID: 1, opCode: 2013).uint32(0).byte(0).document(validBody).byte(1).int32(4096).cstring("documents").finished(),
            reason: "document sequence size 4096 is invalid"),
        BadInput(
            name: "unknown required flag bit",
            bytes: Frame.opMsg(requestID: 1, flags: 1 << 4, body: validBody),
            reason: "unknown required bits"),
        BadInput(
            name: "section kind 2",
            bytes: Frame(requestID: 1, opCode: 2013).uint32(0).byte(0).document(validBody).byte(2).document(validBody).finished(),
            reason: "section kind 2"),
    ]

    @Test(arguments: badInputs)
    func badFrameClosesOnlyItsConnection(_ input: BadInput) async throws {
        try await TestServer.with { server in
            try await WireTestClient.with(server.tcpAddress) { bystander in
                _ = try await bystander.command(["ping": 1])

                let victim = try await WireTestClient.with(server.tcpAddress) { client in
                    let id = try await client.connectionID()
                    try await client.send(input.bytes)
                    #expect(try await client.isClosedByServer())
                    return id
                }
                await server.handler.log.waitUntilClosed(victim)
                let reasons = server.closeReasons(forConnection: victim)
                #expect(reasons.contains { $0.level == .warning && $0.message.contains(input.reason) }, "\(reasons.map(\.message))")
                #expect(reasons.allSatisfy { $0.metadata["remote"]?.contains("127.0.0.1") == true })

                let stillServed = try await bystander.command(["ping": 2])
                #expect(stillServed["echo"] == .document(["ping": 2]))
                let newcomer = try await WireTestClient.with(server.tcpAddress) { try await $0.command(["ping": 3]) }
                #expect(newcomer["echo"] == .document(["ping": 3]))
            }
        }
    }

    @Test func truncatedFrameThenCloseIsLoggedAndHarmless() async throws {
        try await TestServer.with { server in
            try await WireTestClient.with(server.tcpAddress) { bystander in
                let frame = Frame.opMsg(requestID: 5, body: Self.validBody)
                let victim = try await WireTestClient.with(server.tcpAddress) { client in
                    let id = try await client.connectionID()
                    try await client.send(Array(frame.prefix(frame.count / 2)))
                    return id
                }
                await server.handler.log.waitUntilClosed(victim)
                let reasons = server.closeReasons(forConnection: victim)
                #expect(reasons.contains { $0.message.contains("after \(frame.count / 2) of \(frame.count) bytes") }, "\(reasons.map(\.message))")
                // The half frame was never executed.
                #expect(await server.handler.log.requests(on: victim).count == 1)

                #expect(try await bystander.command(["ping": 1])["ok"] == .double(1))
                #expect(try await WireTestClient.with(server.tcpAddress) { try await $0.command(["ping": 1]) }["ok"] == .double(1))
            }
        }
    }

    @Test func requestsBeforeABadFrameAreStillAnswered() async throws {
        try await TestServer.with { server in
            try await WireTestClient.with(server.tcpAddress) { client in
                let good = Frame.opMsg(requestID: 77, body: ["ping": 1])
                let bad = Frame().int32(48_000_001).int32(1).int32(0).int32(2013).bytes
                try await client.send(good + bad)
                let reply = try #require(try await client.receive())
                #expect(reply.responseTo == 77)
                #expect(try await client.isClosedByServer())
            }
        }
    }

    @Test func smallerConfiguredLimitIsEnforced() async throws {
        try await TestServer.with(WireServerConfiguration(port: 0, maxMessageSize: 1024)) { server in
            try await WireTestClient.with(server.tcpAddress) { client in
                #expect(try await client.command(["ping": 1])["ok"] == .double(1))
                let big: Document = ["ping": 1, "pad": .string(String(repeating: "x", count: 2000))]
                try await client.send(Frame.opMsg(requestID: 9, body: big))
                #expect(try await client.isClosedByServer())
            }
        }
    }
}
