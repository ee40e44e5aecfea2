import BSON
import NIOCore
import Testing
import WireProtocol

/// Commands through a real TCP connection: what the handler receives and what the client gets back.
@Suite(.timeLimit(.minutes(1))) struct ServerCommandTests {
    @Test func opMsgRoundTrip() async throws {
        try await TestServer.with { server in
            try await WireTestClient.with(server.tcpAddress) { client in
                let requestID = client.makeRequestID()
                let body: Document = ["ping": 1, "$db": "admin"]
                try await client.send(WireMessage(requestID: requestID, payload: .msg(OpMsg(body: body))).encoded())
                let reply = try #require(try await client.receive())
                #expect(reply.responseTo == requestID)
                guard case .msg(let msg) = reply.payload else { Issue.record("reply is not OP_MSG"); return }
                #expect(msg.flags == [])
                #expect(msg.sequences.isEmpty)
                #expect(msg.body["echo"] == .document(body))
                #expect(msg.body["database"] == .string("admin"))
                #expect(msg.body["legacy"] == .bool(false))
            }
        }
    }

    @Test func documentSequencesReachTheHandler() async throws {
        try await TestServer.with { server in
            try await WireTestClient.with(server.tcpAddress) { client in
                let updates: [Document] = [["q": ["a": 1], "u": ["$set": ["b": 2]]]]
                let ids: [Document] = [["_id": 1], ["_id": 2], ["_id": 3]]
                let msg = OpMsg(
                    body: ["echoSequences": 1, "$db": "t"],
                    sequences: [DocumentSequence(identifier: "updates", documents: updates),
                                DocumentSequence(identifier: "ids", documents: ids)])
                try await client.send(WireMessage(requestID: client.makeRequestID(), payload: .msg(msg)).encoded())
                let reply = try #require(try await client.receive())
                guard case .msg(let answer) = reply.payload else { Issue.record("reply is not OP_MSG"); return }
                #expect(answer.body.value(atPath: "sequences.ids") == .array(ids.map { .document($0) }))
                #expect(answer.body.value(atPath: "sequences.updates") == .array(updates.map { .document($0) }))
            }
        }
    }

    @Test func libmongocShapedInsertIsAnswered() async throws {
        try await TestServer.with { server in
            try await WireTestClient.with(server.tcpAddress) { client in
                try await client.send(HandshakeFixtures.insertOpMsg)
                let reply = try #require(try await client.receive())
                #expect(reply.responseTo == 3)
                guard case .msg(let msg) = reply.payload else { Issue.record("reply is not OP_MSG"); return }
                #expect(msg.body["n"] == .int32(2))
            }
        }
    }

    @Test func validChecksumIsAccepted() async throws {
        try await TestServer.with { server in
            try await WireTestClient.with(server.tcpAddress) { client in
                let reply = try await client.command(["ping": 1, "$db": "admin"], flags: .checksumPresent)
                #expect(reply["echo"] == .document(["ping": 1, "$db": "admin"]))
            }
        }
    }

    @Test func invalidChecksumClosesTheConnection() async throws {
        try await TestServer.with { server in
            let id = try await WireTestClient.with(server.tcpAddress) { client in
                let id = try await client.connectionID()
                var bytes = WireMessage(
                    requestID: client.makeRequestID(), payload: .msg(OpMsg(flags: .checksumPresent, body: ["ping": 1])))
                    .encoded()
                bytes[bytes.count - 1] ^= 0xFF
                try await client.send(bytes)
                #expect(try await client.isClosedByServer())
                return id
            }
            await server.handler.log.waitUntilClosed(id)
            #expect(server.closeReasons(forConnection: id).contains { $0.message.contains("checksum") })
            #expect(await server.handler.log.requests(on: id).count == 1)
        }
    }

    @Test func moreToComeRunsWithoutAReply() async throws {
        try await TestServer.with { server in
            try await WireTestClient.with(server.tcpAddress) { client in
                let unacknowledged = WireMessage(
                    requestID: client.makeRequestID(),
                    payload: .msg(OpMsg(
                        flags: .moreToCome, body: ["insert": "c", "$db": "t"],
                        sequences: [DocumentSequence(identifier: "documents", documents: [["_id": 1], ["_id": 2]])])))
                try await client.send(unacknowledged.encoded())
                // The next reply must answer the next request: nothing was sent for the first one.
                let reply = try await client.command(["history": 1, "$db": "t"])
                #expect(reply["history"] == .array([
                    .document(["command": "insert", "expectsReply": false, "documents": 2]),
                ]))
            }
        }
    }

    @Test func pipelinedRequestsAreAnsweredInOrder() async throws {
        try await TestServer.with { server in
            try await WireTestClient.with(server.tcpAddress) { client in
                var bytes: [UInt8] = []
                for index in 0..<5 {
                    let flags: OpMsgFlags = index.isMultiple(of: 2) ? [] : .moreToCome
                    bytes += WireMessage(
                        requestID: Int32(1000 + index), payload: .msg(OpMsg(flags: flags, body: ["step": .int32(Int32(index))])))
                        .encoded()
                }
                try await client.send(bytes)
                var answered: [Int32] = []
                for _ in 0..<3 {
                    let reply = try #require(try await client.receive())
                    answered.append(reply.responseTo)
                }
                #expect(answered == [1000, 1002, 1004])
                let history = try await client.command(["history": 1])
                #expect(history["history"]?.arrayValue?.compactMap { $0.documentValue?["expectsReply"] }
                    == [true, false, true, false, true].map { .bool($0) })
            }
        }
    }

    @Test func exhaustAllowedGetsAnOrdinaryReply() async throws {
        try await TestServer.with { server in
            try await WireTestClient.with(server.tcpAddress) { client in
                let requestID = client.makeRequestID()
                try await client.send(WireMessage(
                    requestID: requestID, payload: .msg(OpMsg(flags: .exhaustAllowed, body: ["ping": 1]))).encoded())
                let reply = try #require(try await client.receive())
                #expect(reply.responseTo == requestID)
                guard case .msg(let msg) = reply.payload else { Issue.record("reply is not OP_MSG"); return }
                #expect(msg.flags == [])
            }
        }
    }

    @Test func opQueryIsMasterGetsAnOpReply() async throws {
        try await TestServer.with { server in
            try await WireTestClient.with(server.tcpAddress) { client in
                try await client.send(HandshakeFixtures.isMasterOpQuery)
                let message = try #require(try await client.receive())
                #expect(message.responseTo == 1)
                guard case .reply(let reply) = message.payload else { Issue.record("not an OP_REPLY"); return }
                #expect(reply.flags == [])
                #expect(reply.cursorID == 0)
                #expect(reply.startingFrom == 0)
                #expect(reply.documents.count == 1)
                #expect(reply.documents.first?["ismaster"] == .bool(true))
                #expect(reply.documents.first?.keys.contains("compression") == false)

                let seen = try #require(await server.handler.log.requests.last)
                #expect(seen.isLegacyOpQuery)
                #expect(seen.database == "admin")
                #expect(seen.body["helloOk"] == .bool(true))

                // After the legacy handshake the driver switches to OP_MSG on the same connection.
                let hello = try await client.command(["hello": 1, "$db": "admin"])
                #expect(hello["isWritablePrimary"] == .bool(true))
            }
        }
    }

    @Test func opQueryOutsideCmdNamespaceFailsButKeepsTheConnection() async throws {
        try await TestServer.with { server in
            try await WireTestClient.with(server.tcpAddress) { client in
                let requestID = client.makeRequestID()
                try await client.send(WireMessage(
                    requestID: requestID, payload: .query(OpQuery(fullCollectionName: "chat.messages", query: [:]))).encoded())
                let message = try #require(try await client.receive())
                #expect(message.responseTo == requestID)
                guard case .reply(let reply) = message.payload else { Issue.record("not an OP_REPLY"); return }
                #expect(reply.flags == .queryFailure)
                #expect(reply.documents.first?["code"] == .int32(5_739_101))
                #expect(reply.documents.first?["$err"]?.stringValue?.contains("chat.messages") == true)
                #expect(await server.handler.log.requests.isEmpty)

                let pong = try await client.command(["ping": 1])
                #expect(pong["ok"] == .double(1))
            }
        }
    }

    @Test func connectionIDsAreDistinctAndClosesAreReported() async throws {
        try await TestServer.with { server in
            let first = try await WireTestClient.with(server.tcpAddress) { try await $0.connectionID() }
            let second = try await WireTestClient.with(server.tcpAddress) { try await $0.connectionID() }
            #expect(first >= 1)
            #expect(second != first)
            await server.handler.log.waitUntilClosed(first)
            await server.handler.log.waitUntilClosed(second)
            #expect(await server.handler.log.closedConnections == [first, second])
        }
    }
}
