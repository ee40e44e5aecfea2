import BSON
import NIOCore
import Testing
import WireProtocol

@Suite(.timeLimit(.minutes(2))) struct ServerConcurrencyTests {
    @Test func fiftyClientsAtOnce() async throws {
        try await TestServer.with { server in
            let ids = try await withThrowingTaskGroup(of: Int.self) { group in
                for client in 0..<50 {
                    group.addTask {
                        try await WireTestClient.with(server.tcpAddress) { connection in
                            let id = try await connection.connectionID()
                            for round in 0..<10 {
                                let body: Document = ["client": .int32(Int32(client)), "round": .int32(Int32(round))]
                                let reply = try await connection.command(body)
                                guard reply["echo"] == .document(body) else { throw TestFailure.unexpectedReply(WireMessage(requestID: 0, payload: .msg(OpMsg(body: reply)))) }
                            }
                            return id
                        }
                    }
                }
                return try await group.reduce(into: [Int]()) { $0.append($1) }
            }
            #expect(Set(ids).count == 50)
            #expect(await server.handler.log.requests.count == 50 * 11)
        }
    }

    @Test func connectionsBeyondTheLimitAreRefused() async throws {
        try await TestServer.with(WireServerConfiguration(port: 0, maxConnections: 2)) { server in
            try await WireTestClient.with(server.tcpAddress) { first in
                let firstID = try await first.connectionID()
                let secondID = try await WireTestClient.with(server.tcpAddress) { second in
                    let id = try await second.connectionID()
                    // The server closes it on arrival, so the client only listens (a write could race the close).
                    let refused = try await WireTestClient.with(server.tcpAddress) { try await $0.isClosedByServer() }
                    #expect(refused)
                    #expect(server.logs.entries.contains { $0.level == .warning && $0.message.contains("limit of 2") })
                    return id
                }
                await server.handler.log.waitUntilClosed(secondID)
                // A slot is free again.
                #expect(try await WireTestClient.with(server.tcpAddress) { try await $0.connectionID() } > secondID)
                #expect(try await first.connectionID() == firstID)
            }
        }
    }
}
