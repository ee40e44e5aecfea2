import BSON
import Testing
import WireProtocol

/// Decoding the frames a real driver sends at connection start and for an insert.
@Suite struct HandshakeBytesTests {
    @Test func libmongocIsMasterOpQuery() throws {
        let message = try WireMessage(decoding: HandshakeFixtures.isMasterOpQuery)
        #expect(message.requestID == 1)
        #expect(message.responseTo == 0)
        guard case .query(let query) = message.payload else { Issue.record("not an OP_QUERY"); return }
        #expect(query.fullCollectionName == "admin.$cmd")
        #expect(query.numberToSkip == 0)
        #expect(query.numberToReturn == -1)
        #expect(query.returnFieldsSelector == nil)

        let request = try #require(CommandRequest(query, connectionID: 4))
        #expect(request.body.keys == ["isMaster", "helloOk", "client"])
        #expect(request.body["helloOk"] == .bool(true))
        #expect(request.body.value(atPath: "client.driver.version") == .string("1.23.1"))
        #expect(request.database == "admin")
        #expect(request.isLegacyOpQuery)
        #expect(request.expectsReply)
        #expect(request.connectionID == 4)
    }

    @Test func wrappedIsMasterIsUnwrapped() throws {
        let message = try WireMessage(decoding: HandshakeFixtures.wrappedIsMasterOpQuery)
        guard case .query(let query) = message.payload else { Issue.record("not an OP_QUERY"); return }
        #expect(query.flags == .secondaryOk)
        let request = try #require(CommandRequest(query, connectionID: 1))
        #expect(request.body == ["isMaster": 1, "helloOk": true])
    }

    @Test func libmongocInsertWithDocumentSequence() throws {
        let message = try WireMessage(decoding: HandshakeFixtures.insertOpMsg)
        #expect(message.requestID == 3)
        guard case .msg(let msg) = message.payload else { Issue.record("not an OP_MSG"); return }
        #expect(msg.flags == [])
        #expect(msg.body.keys == ["insert", "ordered", "lsid", "$db"])

        let request = CommandRequest(msg, connectionID: 2)
        #expect(request.database == "chat")
        #expect(request.expectsReply)
        #expect(!request.isLegacyOpQuery)
        let documents = try #require(request.sequences["documents"])
        #expect(documents.map { $0["sender"] } == [.string("alice"), .string("bob")])
        #expect(documents.first?["_id"] == .objectId(ObjectId(hex: "65a1b2c3d4e5f60718293a4b")!))
        #expect(documents.last?["timestamp"] == .datetime(1_700_000_000_001))
    }

    @Test func reencodingTheInsertGivesTheSameBytes() throws {
        let message = try WireMessage(decoding: HandshakeFixtures.insertOpMsg)
        #expect(message.encoded() == HandshakeFixtures.insertOpMsg)
    }

    @Test func everyTruncationOfTheHandshakeIsRefused() {
        let frame = HandshakeFixtures.isMasterOpQuery
        for length in 0..<frame.count {
            #expect(throws: WireProtocolError.self) { try WireMessage(decoding: Array(frame[..<length])) }
        }
    }
}
