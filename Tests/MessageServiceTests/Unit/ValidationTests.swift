import BSON
import Testing
@testable import MessageService

@Suite struct RoomIDValidationTests {
    @Test(arguments: ["lobby", "a", "A.b_c:d-e", "...", "0", String(repeating: "r", count: 128)])
    func accepts(_ value: String) throws {
        try Validation.checkRoomID(value)
    }

    @Test(arguments: [
        ("", MessageValidationError.Reason.empty),
        (String(repeating: "r", count: 129), .tooLong(maxScalars: 128)),
        (".", .reservedName),
        ("..", .reservedName),
        ("a/b", .disallowedCharacter),
        ("a b", .disallowedCharacter),
        ("café", .disallowedCharacter),
        ("a%20b", .disallowedCharacter),
        ("a\u{0}", .disallowedCharacter),
    ])
    func refuses(_ value: String, _ reason: MessageValidationError.Reason) {
        #expect(throws: MessageValidationError(.roomID, reason)) { try Validation.checkRoomID(value) }
    }
}

@Suite struct SenderValidationTests {
    @Test(arguments: [
        "alice", "Zoë", "a b", "\u{200B}x",
        String(repeating: "é", count: 128),  // 128 scalars, 256 bytes
        String(repeating: "👍", count: 128),  // 128 scalars, 512 bytes
        String(repeating: "e\u{301}", count: 64),  // 64 characters but 128 scalars
        "\u{A0}x\u{3000}",  // blank around a letter is fine
    ])
    func accepts(_ value: String) throws {
        try Validation.checkSender(value)
    }

    @Test func limitCountsScalarsNotCharacters() {
        let decomposed = String(repeating: "e\u{301}", count: 65)  // 65 characters, 130 scalars
        #expect(decomposed.count == 65)
        #expect(throws: MessageValidationError(.sender, .tooLong(maxScalars: 128))) { try Validation.checkSender(decomposed) }
        #expect(throws: MessageValidationError(.sender, .tooLong(maxScalars: 128))) {
            try Validation.checkSender(String(repeating: "a", count: 129))
        }
    }

    @Test(arguments: [" ", "   ", "\u{3000}", "\u{A0}", " \u{2003}\u{3000} ", "\u{2028}", "\u{205F}\u{1680}"])
    func refusesBlank(_ value: String) {
        #expect(throws: MessageValidationError(.sender, .blank)) { try Validation.checkSender(value) }
    }

    @Test(arguments: ["a\u{0}b", "a\tb", "line\n", "\r", "a\u{1B}", "a\u{7F}", "a\u{80}", "a\u{85}", "a\u{9F}", "\u{1F}"])
    func refusesControlCharacters(_ value: String) {
        #expect(throws: MessageValidationError(.sender, .controlCharacter)) { try Validation.checkSender(value) }
    }

    @Test func refusesEmpty() {
        #expect(throws: MessageValidationError(.sender, .empty)) { try Validation.checkSender("") }
    }
}

@Suite struct ContentValidationTests {
    @Test(arguments: ["hello", "line1\nline2\ttabbed", "\u{1}control is text", " padded ", "😀"])
    func accepts(_ value: String) throws {
        try Validation.checkContent(value, maxBytes: 16384)
    }

    @Test func limitIsInUTF8Bytes() throws {
        try Validation.checkContent(String(repeating: "a", count: 16384), maxBytes: 16384)
        try Validation.checkContent(String(repeating: "é", count: 8192), maxBytes: 16384)
        #expect(throws: MessageValidationError(.content, .tooLarge(maxBytes: 16384))) {
            try Validation.checkContent(String(repeating: "é", count: 8192) + "a", maxBytes: 16384)
        }
        #expect(throws: MessageValidationError(.content, .tooLarge(maxBytes: 4))) {
            try Validation.checkContent("😀a", maxBytes: 4)
        }
    }

    @Test(arguments: ["\u{0}", "a\u{0}b", "text\u{0}"])
    func refusesNUL(_ value: String) {
        #expect(throws: MessageValidationError(.content, .nulCharacter)) { try Validation.checkContent(value, maxBytes: 100) }
    }

    @Test(arguments: [" ", "\n\t\r", "\u{3000}", "\u{A0}\u{A0}", "\u{2029}"])
    func refusesBlank(_ value: String) {
        #expect(throws: MessageValidationError(.content, .blank)) { try Validation.checkContent(value, maxBytes: 100) }
    }

    @Test func refusesEmpty() {
        #expect(throws: MessageValidationError(.content, .empty)) { try Validation.checkContent("", maxBytes: 100) }
    }
}

@Suite struct ClientIDValidationTests {
    @Test(arguments: ["c-1", "x", "A.b_c:d-e", ".", String(repeating: "c", count: 128)])
    func accepts(_ value: String) throws {
        try Validation.checkClientID(value)
    }

    @Test(arguments: [
        ("", MessageValidationError.Reason.empty),
        (String(repeating: "c", count: 129), .tooLong(maxScalars: 128)),
        ("c 1", .disallowedCharacter),
        ("c/1", .disallowedCharacter),
        ("ç", .disallowedCharacter),
        ("{\"$gt\":\"\"}", .disallowedCharacter),
    ])
    func refuses(_ value: String, _ reason: MessageValidationError.Reason) {
        #expect(throws: MessageValidationError(.clientID, reason)) { try Validation.checkClientID(value) }
    }
}

@Suite struct MessageIDValidationTests {
    @Test func acceptsLowercaseHex() throws {
        let id = ObjectId()
        #expect(try Validation.messageID(id.hex) == id)
    }

    @Test(arguments: ["", "0123456789ABCDEF01234567", "0123456789abcdef0123456", "0123456789abcdef012345678", "0123456789abcdef0123456g", " 123456789abcdef01234567"])
    func refuses(_ value: String) {
        #expect(throws: MessageValidationError(.id, .notAnObjectID)) { try Validation.messageID(value) }
    }
}

@Suite struct NewMessageTests {
    @Test func validatesEveryField() {
        #expect(throws: MessageValidationError(.roomID, .reservedName)) {
            try NewMessage(roomID: "..", sender: "a", content: "b", clientID: nil, maxContentBytes: 10)
        }
        #expect(throws: MessageValidationError(.sender, .blank)) {
            try NewMessage(roomID: "r", sender: "\u{3000}", content: "b", clientID: nil, maxContentBytes: 10)
        }
        #expect(throws: MessageValidationError(.content, .tooLarge(maxBytes: 10))) {
            try NewMessage(roomID: "r", sender: "a", content: String(repeating: "b", count: 11), clientID: nil, maxContentBytes: 10)
        }
        #expect(throws: MessageValidationError(.clientID, .empty)) {
            try NewMessage(roomID: "r", sender: "a", content: "b", clientID: "", maxContentBytes: 10)
        }
    }

    @Test func sameTextComparesBytesNotCanonicalEquivalence() throws {
        let precomposed = try NewMessage(roomID: "r", sender: "José", content: "café", clientID: "c", maxContentBytes: 100)
        let stored = Message(id: ObjectId(), roomID: "r", sender: "José", content: "cafe\u{301}", timestamp: 0, clientID: "c",
                             seq: 1, change: 1)
        #expect("café" == "cafe\u{301}")  // Swift says equal…
        #expect(!precomposed.hasSameText(as: stored))  // …the database would not.
        var same = stored
        same.content = "café"
        #expect(precomposed.hasSameText(as: same))
        same.sender = "Jose"
        #expect(!precomposed.hasSameText(as: same))
    }

    @Test func errorDescriptionNamesTheField() {
        #expect(MessageValidationError(.clientID, .empty).description == "client_id must not be empty")
        #expect(MessageValidationError(.roomID, .reservedName).description.hasPrefix("room_id "))
        #expect(MessageValidationError(.limit, .outOfRange(1...1000)).description == "limit must be between 1 and 1000")
        #expect(MessageValidationError(.content, .tooLarge(maxBytes: 16384)).description.contains("16384 bytes"))
    }
}
