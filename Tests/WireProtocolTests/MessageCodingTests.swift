import BSON
import Testing
import WireProtocol

/// Encoding then decoding gives back the same message, and the encoder's bytes match hand-built ones.
@Suite struct MessageCodingTests {
    let body: Document = ["insert": "messages", "ordered": true, "$db": "chat"]
    let documents: [Document] = [["_id": 1, "text": "a"], ["_id": 2, "text": "b"]]

    @Test func opMsgRoundTrip() throws {
        let message = WireMessage(
            requestID: 7, responseTo: 3,
            payload: .msg(OpMsg(body: body, sequences: [DocumentSequence(identifier: "documents", documents: documents)])))
        let bytes = message.encoded()
        #expect(try WireMessage(decoding: bytes) == message)

        let expected = Frame(requestID: 7, responseTo: 3, opCode: 2013)
            .uint32(0).byte(0).document(body).sequence("documents", documents)
        #expect(bytes == expected.finished())
    }

    @Test func opMsgWithChecksumEndsInTheCRCOfTheRest() throws {
        let message = WireMessage(requestID: 1, payload: .msg(OpMsg(flags: .checksumPresent, body: body)))
        let bytes = message.encoded()
        let trailer = bytes.suffix(4).reversed().reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        #expect(trailer == crc32c(bytes.dropLast(4)))
        #expect(try WireMessage(decoding: bytes) == message)
    }

    @Test func opQueryRoundTrip() throws {
        let query = OpQuery(
            flags: .secondaryOk, fullCollectionName: "admin.$cmd", numberToSkip: 0, numberToReturn: -1,
            query: ["isMaster": 1], returnFieldsSelector: ["ok": 1])
        let message = WireMessage(requestID: 9, payload: .query(query))
        #expect(try WireMessage(decoding: message.encoded()) == message)
    }

    @Test func opReplyRoundTripAndLayout() throws {
        let reply = OpReply(flags: .queryFailure, documents: [["$err": "no", "code": 1]])
        let bytes = WireMessage(requestID: 2, responseTo: 9, payload: .reply(reply)).encoded()
        let expected = Frame(requestID: 2, responseTo: 9, opCode: 1)
            .int32(2).int64(0).int32(0).int32(1).document(["$err": "no", "code": 1])
        #expect(bytes == expected.finished())
        #expect(try WireMessage(decoding: bytes).payload == .reply(reply))
    }

    @Test func queryCommandIsUnwrappedFromDollarQuery() {
        let wrapped = OpQuery(
            fullCollectionName: "admin.$cmd",
            query: ["$query": .document(["isMaster": 1, "helloOk": true]), "$readPreference": .document(["mode": "primaryPreferred"])])
        #expect(wrapped.command == ["isMaster": 1, "helloOk": true])
        #expect(wrapped.commandDatabase == "admin")

        let plain = OpQuery(fullCollectionName: "test.$cmd", query: ["ping": 1])
        #expect(plain.command == ["ping": 1])
        #expect(plain.commandDatabase == "test")
    }

    @Test(arguments: ["test.messages", ".$cmd", "$cmd", "a.b.$cmd"])
    func nonCommandNamespacesHaveNoDatabase(_ namespace: String) {
        #expect(OpQuery(fullCollectionName: namespace, query: [:]).commandDatabase == nil)
    }
}
