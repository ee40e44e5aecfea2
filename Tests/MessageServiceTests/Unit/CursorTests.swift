import BSON
import Foundation
import Testing
@testable import MessageService

@Suite struct SipHash24Tests {
    private let key = Array(UInt8(0)...UInt8(15))

    private func hash(_ message: [UInt8]) -> UInt64 {
        SipHash24.hash(
            message, k0: SipHash24.littleEndianWord(key[0..<8]), k1: SipHash24.littleEndianWord(key[8..<16]))
    }

    /// Vectors from the SipHash paper and reference implementation (key 00…0f, message 00…(n-1)).
    @Test func matchesReferenceVectors() {
        #expect(hash([]) == 0x726f_db47_dd0e_0e31)
        #expect(hash(Array(UInt8(0)..<UInt8(15))) == 0xa129_ca61_49be_45e5)
    }

    @Test func everyLengthGivesADifferentHash() {
        let hashes = (0...64).map { hash(Array(repeating: 0, count: $0)) }
        #expect(Set(hashes).count == hashes.count)
    }
}

@Suite struct Base64URLTests {
    @Test func matchesFoundationWithTheURLAlphabetAndNoPadding() {
        var generator = SystemRandomNumberGenerator()
        for length in 0...40 {
            let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
            let expected = Data(bytes).base64EncodedString()
                .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
                .replacingOccurrences(of: "=", with: "")
            #expect(Base64URL.encode(bytes) == expected)
            #expect(Base64URL.decode(expected) == bytes)
        }
        #expect(Base64URL.encode([0xFB, 0xFF]) == "-_8")
    }

    @Test(arguments: ["A", "AAAAA", "AA==", "AA=", "+A", "/A", "A A", "Ab", "AAB", "é"])
    func refusesNonCanonicalText(_ text: String) {
        #expect(Base64URL.decode(text) == nil)
    }
}

@Suite struct CursorCodecTests {
    let oid = ObjectId(hex: "65a1b2c3d4e5f60718293a4b")!

    @Test func roundTrips() throws {
        for seq: Int64 in [0, 1, -1, 1_795_215_243_071, .max, .min] {
            let position = Position(seq: seq)
            #expect(try CursorCodec.decode(CursorCodec.encode(position, roomID: "lobby"), roomID: "lobby") == position)
        }
    }

    @Test func isURLSafeAndFixedLength() {
        let cursor = CursorCodec.encode(Position(seq: 1_795_215_243_071), roomID: "lobby")
        #expect(cursor.count == 23)
        #expect(cursor.utf8.allSatisfy { byte in
            (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
        })
    }

    /// Pins the format and its fixed key: a cursor handed out before a restart or upgrade must still work.
    @Test func staysValidAcrossRestarts() throws {
        let position = Position(seq: 1_795_215_243_071)
        let issued = "AgAAAaH7Krc_YrmHe_QViJE"
        #expect(CursorCodec.encode(position, roomID: "lobby") == issued)
        #expect(try CursorCodec.decode(issued, roomID: "lobby") == position)
    }

    @Test func belongsToItsRoom() {
        let cursor = CursorCodec.encode(Position(seq: 5), roomID: "lobby")
        #expect(throws: CursorCodec.DecodingError.checksumMismatch) { try CursorCodec.decode(cursor, roomID: "lobby2") }
        #expect(throws: CursorCodec.DecodingError.checksumMismatch) { try CursorCodec.decode(cursor, roomID: "Lobby") }
        #expect(throws: CursorCodec.DecodingError.checksumMismatch) { try CursorCodec.decode(cursor, roomID: "") }
    }

    /// Every single-character change to a cursor is caught, wherever it is and whatever it becomes.
    @Test func rejectsEveryAlteredCharacter() {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)
        let cursor = Array(CursorCodec.encode(Position(seq: 1_795_215_243_071), roomID: "lobby").utf8)
        var accepted: [String] = []
        for index in cursor.indices {
            for replacement in alphabet where replacement != cursor[index] {
                var altered = cursor
                altered[index] = replacement
                let text = String(decoding: altered, as: UTF8.self)
                if (try? CursorCodec.decode(text, roomID: "lobby")) != nil { accepted.append(text) }
            }
        }
        #expect(accepted.isEmpty)
    }

    @Test func rejectsMalformedCursors() {
        let cursor = CursorCodec.encode(Position(seq: 7), roomID: "r")
        #expect(throws: CursorCodec.DecodingError.unknownVersion) { try CursorCodec.decode("", roomID: "r") }
        #expect(throws: CursorCodec.DecodingError.wrongLength) { try CursorCodec.decode(String(cursor.dropLast(3)), roomID: "r") }
        #expect(throws: CursorCodec.DecodingError.wrongLength) { try CursorCodec.decode(cursor + "AAAA", roomID: "r") }
        #expect(throws: CursorCodec.DecodingError.notBase64URL) { try CursorCodec.decode(cursor + "=", roomID: "r") }
        #expect(throws: CursorCodec.DecodingError.notBase64URL) { try CursorCodec.decode("not a cursor", roomID: "r") }
        // A valid shape with an unknown version byte.
        var bytes = Base64URL.decode(cursor)!
        bytes[0] = 3
        #expect(throws: CursorCodec.DecodingError.unknownVersion) { try CursorCodec.decode(Base64URL.encode(bytes), roomID: "r") }
    }

    /// A version 1 cursor, (timestamp, id) from before history was ordered by seq, is refused, not misread.
    @Test func refusesVersionOneCursors() {
        let issuedByTheOldVersion = "AQAAAaH7Krc_ZaGyw9Tl9gcYKTpLqdrec933HJc"
        #expect(throws: CursorCodec.DecodingError.unknownVersion) { try CursorCodec.decode(issuedByTheOldVersion, roomID: "lobby") }
    }
}
