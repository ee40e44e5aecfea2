import Testing
@testable import MessageService

@Suite struct CreateMessageBodyTests {
    private func decode(_ text: String) throws(RequestBodyError) -> CreateMessageBody {
        try CreateMessageBody.decode(Array(text.utf8))
    }

    @Test func decodesTheFields() throws {
        #expect(try decode(#"{"sender":"alice","content":"hi"}"#) == CreateMessageBody(sender: "alice", content: "hi", clientID: nil))
        #expect(
            try decode(#"{"client_id":"c-1","content":"\u00e9","sender":"bob"}"#)
                == CreateMessageBody(sender: "bob", content: "é", clientID: "c-1"))
    }

    @Test func refusesAnEmptyBody() {
        #expect(throws: RequestBodyError.empty) { try CreateMessageBody.decode([]) }
    }

    @Test func refusesMalformedJSON() {
        #expect(throws: RequestBodyError.malformed(JSONSyntaxError(reason: .duplicateKey("sender"), offset: 14))) {
            try self.decode(#"{"sender":"a","sender":"b","content":"c"}"#)
        }
        #expect(throws: RequestBodyError.self) { try self.decode(#"{"sender":"a","content":"\ud800"}"#) }
        #expect(throws: RequestBodyError.self) { try CreateMessageBody.decode([0x7B, 0x22, 0xFF, 0x22, 0x3A, 0x31, 0x7D]) }
    }

    @Test(arguments: [("[]", "array"), (#""text""#, "string"), ("null", "null"), ("42", "number"), ("true", "boolean")])
    func refusesNonObjects(_ text: String, _ type: String) {
        #expect(throws: RequestBodyError.notAnObject(actualType: type)) { try self.decode(text) }
    }

    @Test func refusesUnknownFields() {
        #expect(throws: RequestBodyError.unknownField("room_id")) {
            try self.decode(#"{"sender":"a","content":"b","room_id":"x"}"#)
        }
        #expect(throws: RequestBodyError.unknownField("Sender")) { try self.decode(#"{"Sender":"a","content":"b"}"#) }
    }

    @Test func refusesMissingFields() {
        #expect(throws: RequestBodyError.missingField("sender")) { try self.decode(#"{"content":"b"}"#) }
        #expect(throws: RequestBodyError.missingField("content")) { try self.decode(#"{"sender":"a"}"#) }
        #expect(throws: RequestBodyError.missingField("sender")) { try self.decode("{}") }
    }

    @Test(arguments: [
        (#"{"sender":5,"content":"b"}"#, "sender", "number"),
        (#"{"sender":{"$gt":""},"content":"b"}"#, "sender", "object"),
        (#"{"sender":"a","content":["b"]}"#, "content", "array"),
        (#"{"sender":"a","content":true}"#, "content", "boolean"),
        (#"{"sender":null,"content":"b"}"#, "sender", "null"),
        (#"{"sender":"a","content":"b","client_id":null}"#, "client_id", "null"),
        (#"{"sender":"a","content":"b","client_id":7}"#, "client_id", "number"),
    ])
    func refusesWrongTypes(_ text: String, _ field: String, _ type: String) {
        #expect(throws: RequestBodyError.wrongType(field: field, actualType: type)) { try self.decode(text) }
    }

    @Test func descriptionsNameTheProblem() {
        #expect(RequestBodyError.wrongType(field: "client_id", actualType: "null").description == "client_id must be a string, not null")
        #expect(RequestBodyError.missingField("content").description == "content is required")
        #expect(RequestBodyError.notAnObject(actualType: "array").description == "request body must be a JSON object, not an array")
        #expect(RequestBodyError.unknownField("x").description.contains("\"x\""))
        let long = RequestBodyError.unknownField(String(repeating: "k", count: 10_000)).description
        #expect(long.count < 200)
    }
}
