import BSON
import NIOCore
import Testing
@testable import MessageService

/// The response writer copies runs of plain bytes whole and writes ids, timestamps and cursors as bytes;
/// these check it against the byte-at-a-time writing it replaced.
@Suite struct ResponseWritingTests {
    static let trickyStrings: [String] = [
        "", "plain ascii", "\"", "\\", "\"\"\\\\", "a\"b\\c", "\u{0}", "\u{0}\u{1}\u{1F}\u{20}",
        "line\nreturn\rtab\t", "\u{8}\u{C}\u{B}", "\u{7F}", "é", "中文", "😀", "👩‍👩‍👧‍👦 family",
        "\u{2028}\u{2029}", "mix \"é\" \\ 😀 \n\u{1}end", "\u{10FFFF}", String(repeating: "long ", count: 400),
        String(repeating: "x", count: 15) + "\"", "\"" + String(repeating: "y", count: 40),
    ]

    /// The writer as it was: byte by byte through a switch.
    static func referenceQuoted(_ value: String) -> [UInt8] {
        let hex = Array("0123456789abcdef".utf8)
        var out: [UInt8] = [UInt8(ascii: "\"")]
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out.append(contentsOf: #"\""#.utf8)
            case UInt8(ascii: "\\"): out.append(contentsOf: #"\\"#.utf8)
            case 0x0A: out.append(contentsOf: #"\n"#.utf8)
            case 0x0D: out.append(contentsOf: #"\r"#.utf8)
            case 0x09: out.append(contentsOf: #"\t"#.utf8)
            case 0x00..<0x20: out.append(contentsOf: #"\u00"#.utf8 + [hex[Int(byte >> 4)], hex[Int(byte & 0xF)]])
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
        return out
    }

    /// The message object as it was built, from Strings.
    static func referenceJSON(_ message: Message) -> [UInt8] {
        var out = Array(#"{"id":"#.utf8) + referenceQuoted(message.id.hex)
        out += Array(#","room_id":"#.utf8) + referenceQuoted(message.roomID)
        out += Array(",\"seq\":\(message.seq),\"change\":\(message.change)".utf8)
        out += Array(#","sender":"#.utf8) + referenceQuoted(message.sender)
        if let deletedAt = message.deletedAt {
            out += Array(#","timestamp":"#.utf8) + referenceQuoted(RFC3339.format(milliseconds: message.timestamp))
            out += Array(#","deleted":true,"deleted_at":"#.utf8) + referenceQuoted(RFC3339.format(milliseconds: deletedAt))
            return out + [UInt8(ascii: "}")]
        }
        out += Array(#","content":"#.utf8) + referenceQuoted(message.content)
        out += Array(#","timestamp":"#.utf8) + referenceQuoted(RFC3339.format(milliseconds: message.timestamp))
        if let editedAt = message.editedAt {
            out += Array(#","edited_at":"#.utf8) + referenceQuoted(RFC3339.format(milliseconds: editedAt))
        }
        if let clientID = message.clientID { out += Array(#","client_id":"#.utf8) + referenceQuoted(clientID) }
        return out + [UInt8(ascii: "}")]
    }

    @Test(arguments: trickyStrings)
    func escapingMatchesTheByteByByteWriter(sample: String) {
        var buffer = ByteBuffer()
        JSONWriter.writeQuoted(sample, to: &buffer)
        #expect(Array(buffer.readableBytesView) == Self.referenceQuoted(sample))
        // Substrings and bridged-looking (non-contiguous) strings take the same path.
        var viaArray = ByteBuffer()
        Array(sample.utf8).withUnsafeBytes { JSONWriter.writeQuoted($0, to: &viaArray) }
        #expect(viaArray == buffer)
    }

    @Test func everyByteEscapesAsBefore() {
        for byte in UInt8(0)...UInt8(0x7F) {
            let sample = "a" + String(decoding: [byte], as: UTF8.self) + "b"
            var buffer = ByteBuffer()
            JSONWriter.writeQuoted(sample, to: &buffer)
            #expect(Array(buffer.readableBytesView) == Self.referenceQuoted(sample), "byte \(byte)")
        }
    }

    @Test func messageObjectIsByteForByteTheSame() {
        let timestamps: [Int64] = [0, -1, 1_795_215_243_071, 253_402_300_799_999, 253_402_300_800_000, -62_167_219_200_001]
        for (index, sample) in Self.trickyStrings.enumerated() {
            let message = Message(
                id: ObjectId(), roomID: "room-\(index)", sender: sample, content: sample + "!",
                timestamp: timestamps[index % timestamps.count], clientID: index % 2 == 0 ? nil : sample,
                seq: [1, 0, .max, .min, 42][index % 5], change: Int64(index) * 1_000_003,
                editedAt: index % 3 == 1 ? timestamps[(index + 1) % timestamps.count] : nil,
                deletedAt: index % 4 == 2 ? timestamps[(index + 2) % timestamps.count] : nil)
            #expect(message.json.finished() == Self.referenceJSON(message))
            let writer = message.json
            #expect(Array(writer.finish().readableBytesView) == Self.referenceJSON(message))
        }
    }

    @Test func pageIsByteForByteTheSame() throws {
        let messages = Self.trickyStrings.prefix(8).enumerated().map { index, sample in
            Message(id: ObjectId(), roomID: "r", sender: "s\(index)", content: sample,
                    timestamp: 1_795_215_243_071 + Int64(index), clientID: index == 3 ? "c\"3" : nil,
                    seq: Int64(index + 1), change: Int64(index + 10), deletedAt: index == 5 ? 9 : nil)
        }
        for page in [Page(messages: messages, hasMore: true), Page(messages: [messages[0]], hasMore: false)] {
            var expected = Array(#"{"messages":["#.utf8)
            for (index, message) in page.messages.enumerated() {
                if index > 0 { expected.append(UInt8(ascii: ",")) }
                expected += Self.referenceJSON(message)
            }
            expected += Array(#"],"has_more":"#.utf8) + Array((page.hasMore ? "true" : "false").utf8)
            expected += Array(#","prev_cursor":"#.utf8)
                + Self.referenceQuoted(CursorCodec.encode(page.messages.first!.position, roomID: "r"))
            expected += Array(#","next_cursor":"#.utf8)
                + Self.referenceQuoted(CursorCodec.encode(page.messages.last!.position, roomID: "r")) + [UInt8(ascii: "}")]
            #expect(page.json(roomID: "r", echoingAfter: "ignored").finished() == expected)
        }
        let empty = Page(messages: [], hasMore: false)
        #expect(String(decoding: empty.json(roomID: "r", echoingAfter: nil).finished(), as: UTF8.self)
                == #"{"messages":[],"has_more":false,"prev_cursor":null,"next_cursor":null}"#)
        #expect(String(decoding: empty.json(roomID: "r", echoingAfter: "a\"b").finished(), as: UTF8.self)
                == #"{"messages":[],"has_more":false,"prev_cursor":null,"next_cursor":"a\"b"}"#)
    }

    @Test func timestampBytesMatchTheFormatter() {
        var generator = SystemRandomNumberGenerator()
        var samples: [Int64] = [0, -1, 1, 999, 1000, 86_399_999, 86_400_000, 951_782_400_000,
                                253_402_300_799_999, 253_402_300_800_000, -62_167_219_200_000, -62_167_219_200_001,
                                .max / 2, .min / 2]
        for _ in 0..<2000 { samples.append(Int64.random(in: -80_000_000_000_000...300_000_000_000_000, using: &generator)) }
        for milliseconds in samples {
            var buffer = ByteBuffer()
            RFC3339.writeQuoted(milliseconds: milliseconds, to: &buffer)
            #expect(String(buffer: buffer) == "\"" + RFC3339.format(milliseconds: milliseconds) + "\"")
        }
    }

    @Test func cursorBytesMatchTheCursorString() throws {
        for roomID in ["r", "lobby", "", String(repeating: "é", count: 100)] {
            let position = Position(seq: 1_795_215_243_071)
            var buffer = ByteBuffer()
            CursorCodec.writeQuoted(position, roomID: roomID, to: &buffer)
            let cursor = CursorCodec.encode(position, roomID: roomID)
            #expect(String(buffer: buffer) == "\"" + cursor + "\"")
            #expect(try CursorCodec.decode(cursor, roomID: roomID) == position)
        }
    }
}
