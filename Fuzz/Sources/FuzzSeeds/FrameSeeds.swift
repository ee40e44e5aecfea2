import BSON
import WireProtocol

/// Seeds for FuzzFrames: the frames drivers send (handshakes, commands with and without document
/// sequences, checksums) and the reply the server sends to OP_QUERY.
enum FrameSeeds {
    static var all: [(String, [UInt8])] {
        [
            ("hello", msg(["hello": 1, "$db": "admin"])),
            ("insert-sequence", msg(["insert": "messages", "ordered": true, "$db": "msgsvc"],
                                    sequences: [DocumentSequence(identifier: "documents", documents: [BSONSeeds.message, ["_id": 2]])])),
            ("find", msg(["find": "messages", "filter": ["room_id": "general"], "sort": ["timestamp": 1, "_id": 1],
                          "limit": 50, "$db": "msgsvc"])),
            ("checksum", msg(["ping": 1, "$db": "admin"], flags: .checksumPresent)),
            ("more-to-come", msg(["insert": "t", "documents": [["_id": 1]], "$db": "fuzz"], flags: .moreToCome)),
            ("two-sequences", msg(["update": "t", "$db": "fuzz"], sequences: [
                DocumentSequence(identifier: "updates", documents: [["q": [:], "u": ["x": 1]]]),
                DocumentSequence(identifier: "documents", documents: []),
            ])),
            ("legacy-hello", query("admin.$cmd", ["$query": ["isMaster": 1, "helloOk": true],
                                                 "$readPreference": ["mode": "primaryPreferred"]])),
            ("legacy-fields-selector", WireMessage(requestID: 9, payload: .query(OpQuery(
                fullCollectionName: "test.$cmd", query: ["ismaster": 1], returnFieldsSelector: ["ok": 1]))).encoded()),
            ("legacy-collection-query", query("test.messages", ["room_id": "general"])),
            ("reply", WireMessage(requestID: 1, responseTo: 7, payload: .reply(OpReply(documents: [["ok": 1.0]]))).encoded()),
        ]
    }

    static func msg(_ body: Document, flags: OpMsgFlags = [], sequences: [DocumentSequence] = []) -> [UInt8] {
        WireMessage(requestID: 7, payload: .msg(OpMsg(flags: flags, body: body, sequences: sequences))).encoded()
    }

    static func query(_ namespace: String, _ query: Document) -> [UInt8] {
        WireMessage(requestID: 7, payload: .query(OpQuery(fullCollectionName: namespace, query: query))).encoded()
    }
}
