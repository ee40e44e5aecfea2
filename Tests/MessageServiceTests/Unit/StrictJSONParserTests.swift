import Testing
@testable import MessageService

@Suite struct StrictJSONParserTests {
    private func parse(_ text: String) throws(JSONSyntaxError) -> JSONValue {
        try StrictJSONParser.parse(Array(text.utf8))
    }

    private func reason(_ bytes: [UInt8]) -> JSONSyntaxError.Reason? {
        do {
            _ = try StrictJSONParser.parse(bytes)
            return nil
        } catch {
            return error.reason
        }
    }

    private func reason(_ text: String) -> JSONSyntaxError.Reason? { reason(Array(text.utf8)) }

    @Test func parsesEveryKindOfValueKeepingMemberOrder() throws {
        let value = try parse(#" { "z": [1, -2.5e+3, true, false, null], "a": {"nested": "x"}, "m": "" } "#)
        #expect(
            value
                == .object([
                    .init(key: "z", value: .array([.number("1"), .number("-2.5e+3"), .bool(true), .bool(false), .null])),
                    .init(key: "a", value: .object([.init(key: "nested", value: .string("x"))])),
                    .init(key: "m", value: .string("")),
                ]))
    }

    @Test func unescapesStrings() throws {
        #expect(try parse(#""\" \\ \/ \b \f \n \r \t""#) == .string("\" \\ / \u{8} \u{C} \n \r \t"))
        #expect(try parse(#""\u0041\u00e9\u4E2D""#) == .string("Aé中"))
        #expect(try parse(#""\ud83d\ude00""#) == .string("😀"))
        #expect(try parse(#""\u0000""#) == .string("\u{0}"))
        #expect(try parse("\"raw é 中 😀\"") == .string("raw é 中 😀"))
    }

    @Test(arguments: [#""\ud800""#, #""\ud800x""#, #""\ud800\ud800""#, #""\udc00""#, #""a\ude00b""#, #""\ud83d\u0041""#, #""\ud83d\n""#])
    func refusesLoneSurrogates(_ text: String) {
        #expect(reason(text) == .loneSurrogate)
    }

    @Test(arguments: [
        [0x22, 0xC3, 0x22],  // truncated two-byte sequence
        [0x22, 0xC0, 0x80, 0x22],  // overlong NUL
        [0x22, 0xE0, 0x80, 0x80, 0x22],  // overlong three-byte
        [0x22, 0xED, 0xA0, 0x80, 0x22],  // UTF-8-encoded surrogate U+D800
        [0x22, 0xF4, 0x90, 0x80, 0x80, 0x22],  // above U+10FFFF
        [0x22, 0xF5, 0x80, 0x80, 0x80, 0x22],
        [0x22, 0xFF, 0x22],
        [0x22, 0x80, 0x22],  // lone continuation byte
        [0x22, 0xE4, 0xB8, 0x22],  // truncated three-byte
    ] as [[UInt8]])
    func refusesInvalidUTF8(_ bytes: [UInt8]) {
        #expect(reason(bytes) == .invalidUTF8)
    }

    @Test func refusesNonASCIIOutsideStrings() {
        #expect(reason([0xEF, 0xBB, 0xBF] + Array("{}".utf8)) == .unexpectedByte(0xEF))  // byte-order mark
        #expect(reason("{\"a\":1}\u{A0}") == .trailingContent)
    }

    @Test func refusesDuplicateKeysComparedAfterUnescaping() {
        #expect(reason(#"{"a": 1, "a": 2}"#) == .duplicateKey("a"))
        #expect(reason(#"{"a": 1, "\u0061": 2}"#) == .duplicateKey("a"))
        #expect(reason(#"{"outer": {"k": 1, "k": 1}}"#) == .duplicateKey("k"))
    }

    @Test func keysThatDifferInBytesAreDistinct() throws {
        guard case .object(let members) = try parse("{\"é\": 1, \"e\u{301}\": 2}") else {
            Issue.record("not an object")
            return
        }
        #expect(members.count == 2)
    }

    @Test func boundsNesting() throws {
        let deepest = String(repeating: "[", count: 64) + String(repeating: "]", count: 64)
        _ = try parse(deepest)
        #expect(reason(String(repeating: "[", count: 65) + String(repeating: "]", count: 65)) == .tooDeep(maxDepth: 64))
        #expect(reason(String(repeating: "{\"a\":", count: 65) + "1" + String(repeating: "}", count: 65)) == .tooDeep(maxDepth: 64))
        // Far deeper than any stack could recurse: refused, not crashed.
        #expect(reason(String(repeating: "[", count: 1_000_000)) == .tooDeep(maxDepth: 64))
    }

    @Test(arguments: ["0", "-0", "12", "-1.5", "1e9", "1E-9", "2.5e+10"])
    func acceptsNumbers(_ text: String) throws {
        #expect(try parse(text) == .number(text))
    }

    @Test(arguments: ["01", "1.", "-", "1e", "1e+", "-a", "00", "-.5"])
    func refusesMalformedNumbers(_ text: String) {
        let refused = reason(text)
        #expect(refused == .invalidNumber || refused == .trailingContent, "\(String(describing: refused))")
    }

    @Test(arguments: [".5", "+1", "NaN", "Infinity", "True", "nul", "tru", "'a'", "undefined"])
    func refusesWhatIsNotJSON(_ text: String) {
        #expect(reason(text) != nil)
    }

    @Test(arguments: [
        "{,}", #"{"a" 1}"#, "[1,]", #"{"a":1,}"#, "[1 2]", #"{"a":1 "b":2}"#, "{a:1}", #"{"a"}"#, "[", "{", #"{"a":"#,
    ])
    func refusesBrokenStructure(_ text: String) {
        #expect(reason(text) != nil)
    }

    @Test func refusesOtherDefects() {
        #expect(reason("") == .unexpectedEnd)
        #expect(reason("  \n ") == .unexpectedEnd)
        #expect(reason("\"unterminated") == .unexpectedEnd)
        #expect(reason("{} x") == .trailingContent)
        #expect(reason("{}{}") == .trailingContent)
        #expect(reason("\"a\nb\"") == .unescapedControlCharacter)
        #expect(reason("\"tab\there\"") == .unescapedControlCharacter)
        #expect(reason(#""\x""#) == .invalidEscape)
        #expect(reason(#""\'""#) == .invalidEscape)
        #expect(reason(#""\u12G4""#) == .invalidEscape)
        #expect(reason("\u{C}{}") == .unexpectedByte(0x0C))  // form feed is not JSON whitespace
    }

    @Test func errorsSayWhere() {
        #expect(throws: JSONSyntaxError(reason: .duplicateKey("a"), offset: 9)) { try self.parse(#"{"a": 1, "a": 2}"#) }
        #expect(JSONSyntaxError(reason: .loneSurrogate, offset: 3).description.hasPrefix("malformed JSON at byte 3:"))
    }
}

@Suite struct JSONWriterTests {
    @Test func writesMembersInOrderWithMinimalEscaping() {
        var inner = JSONWriter()
        inner.string("q", "say \"hi\"\\ / é 😀\n\t\r\u{1}\u{1F}\u{7F}")
        var object = JSONWriter()
        object.string("a", "x")
        object.stringOrNull("none", nil)
        object.stringOrNull("some", "y")
        object.bool("t", true)
        object.array("list", [inner, JSONWriter()])
        object.object("o", inner)
        let text = String(decoding: object.finished(), as: UTF8.self)
        let escaped = #"{"q":"say \"hi\"\\ / é 😀\n\t\r\u0001\u001f"# + "\u{7F}\"}"
        #expect(text == #"{"a":"x","none":null,"some":"y","t":true,"list":["# + escaped + #",{}],"o":"# + escaped + "}")
    }

    @Test func outputParsesBackToTheSameText() throws {
        let samples = ["plain", "quote\" backslash\\", "controls \u{0}\u{8}\u{1F}", "unicode é 中 😀 \u{2028}"]
        for sample in samples {
            var object = JSONWriter()
            object.string("k", sample)
            #expect(try StrictJSONParser.parse(object.finished()) == .object([.init(key: "k", value: .string(sample))]))
        }
    }
}
