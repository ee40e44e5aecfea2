import BSON
import Testing
@testable import MessageService

@Suite struct ImportLineTests {
    private func parse(_ text: String, maxContentBytes: Int = 100) throws(ImportLineError) -> ImportedMessage {
        try ImportLine.parse(Array(text.utf8), maxContentBytes: maxContentBytes)
    }

    @Test func anExportedLineKeepsIdTimesAndClientID() throws {
        let message = try parse(#"{"id":"6b00dbd72f64ac9ff714af93","room_id":"elsewhere","seq":7,"change":12,"sender":"alice","#
            + #""content":"hello","timestamp":"2026-11-20T22:54:03.071Z","edited_at":"2026-11-20T22:55:10.002Z","client_id":"c-1"}"#)
        #expect(message.id?.hex == "6b00dbd72f64ac9ff714af93")
        #expect(message.sender == "alice")
        #expect(message.content == "hello")
        #expect(message.timestamp == 1_795_215_243_071)
        #expect(message.editedAt == 1_795_215_310_002)
        #expect(message.clientID == "c-1")
        #expect(message.deletedAt == nil)
    }

    @Test func anExportedTombstoneStaysDeleted() throws {
        let message = try parse(#"{"id":"6b00dbd72f64ac9ff714af93","room_id":"r","seq":1,"change":2,"sender":"bob","#
            + #""timestamp":"2026-11-20T22:54:03.071Z","deleted":true,"deleted_at":"2026-11-20T22:54:04.000Z","client_id":"c-9"}"#)
        #expect(message.deletedAt == 1_795_215_244_000)
        #expect(message.content == "")
        #expect(message.clientID == "c-9")
    }

    @Test func aBareLineNeedsOnlySenderAndContent() throws {
        let message = try parse(#"{"sender":"carol","content":"hi"}"#)
        #expect(message.id == nil)
        #expect(message.timestamp == nil)
        #expect(message.clientID == nil)
    }

    @Test(arguments: [
        ("[1]", "line must be a JSON object, not an array"),
        (#"{"sender":"a","content":"b","extra":1}"#, "unknown field"),
        (#"{"content":"b"}"#, "sender is required"),
        (#"{"sender":"a"}"#, "content is required"),
        (#"{"sender":"a","content":1}"#, "content must be a string, not number"),
        (#"{"sender":"a","content":"b","timestamp":"yesterday"}"#, "timestamp must be an RFC 3339 date-time"),
        (#"{"sender":"a","content":"b","id":"XYZ"}"#, "id must be 24 lowercase hexadecimal digits"),
        (#"{"sender":"a","content":"b","deleted":true,"deleted_at":"2026-11-20T22:54:04Z"}"#, "a deleted message has no content"),
        (#"{"sender":"a","deleted":true}"#, "needs deleted_at"),
        (#"{"sender":"a","content":"b","deleted_at":"2026-11-20T22:54:04Z"}"#, "deleted_at is only for a deleted message"),
        (#"{"sender":"a","content":"   "}"#, "content must not be blank"),
        (#"{"sender":"a","content":"b","seq":"7"}"#, "seq must be a number"),
        (#"{"sender":"a","content":"b""#, "line is"),
    ])
    func aBadLineSaysWhatIsWrong(line: String, expected: String) {
        #expect {
            _ = try parse(line)
        } throws: { error in
            String(describing: error).contains(expected)
        }
    }

    /// Regression: years outside 0000-9999 were imported, then printed as `10000-01-01T00:00:00.000Z` or
    /// `-0001-…`, which is not RFC 3339 nor the API's Timestamp, and pulled every later post's timestamp
    /// (max(now, last)) into that year.
    @Test(arguments: ["10000-01-01T00:00:00Z", "-0001-01-01T00:00:00Z",
                      "0000-01-01T00:30:00+01:00", "9999-12-31T23:30:00-01:00"])
    func aTimeOutsideFourDigitYearsIsRefused(time: String) {
        #expect(throws: ImportLineError.invalidTime(field: "timestamp")) {
            _ = try parse(#"{"sender":"a","content":"b","timestamp":"\#(time)"}"#)
        }
        #expect(throws: ImportLineError.invalidTime(field: "deleted_at")) {
            _ = try parse(#"{"sender":"a","deleted":true,"deleted_at":"\#(time)"}"#)
        }
    }

    @Test func theFourDigitYearsEndsAreTaken() throws {
        #expect(try parse(#"{"sender":"a","content":"b","timestamp":"0000-01-01T00:00:00.000Z"}"#).timestamp == -62_167_219_200_000)
        #expect(try parse(#"{"sender":"a","content":"b","timestamp":"9999-12-31T23:59:59.999Z"}"#).timestamp == 253_402_300_799_999)
    }

    @Test func contentIsLimitedAsForAPost() {
        #expect(throws: ImportLineError.invalid(MessageValidationError(.content, .tooLarge(maxBytes: 3)))) {
            _ = try parse(#"{"sender":"a","content":"four"}"#, maxContentBytes: 3)
        }
    }

    @Test func rfc3339ReadsWhatTheAPIWritesAndOffsets() {
        for milliseconds: Int64 in [0, 1_795_215_243_071, -1, 951_782_400_000, -62_167_219_200_000, 253_402_300_799_999,
                                    253_402_300_800_000, -62_167_219_200_001] {
            #expect(RFC3339.parse(RFC3339.format(milliseconds: milliseconds)) == milliseconds)
        }
        #expect(RFC3339.parse("2026-11-20T23:54:03.071+01:00") == 1_795_215_243_071)
        #expect(RFC3339.parse("2026-11-20T22:54:03Z") == 1_795_215_243_000)
        #expect(RFC3339.parse("2026-11-20T22:54:03.0719999Z") == 1_795_215_243_071)
        for bad in ["2026-02-29T00:00:00Z", "2026-11-20 22:54:03Z", "2026-11-20T22:54:03", "2026-13-01T00:00:00Z",
                    "2026-11-20T24:00:00Z", "2026-11-20T22:54:03.Z", "20261120T225403Z", ""] {
            #expect(RFC3339.parse(bad) == nil, "\(bad)")
        }
    }
}
