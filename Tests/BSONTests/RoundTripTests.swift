import Testing

@testable import BSON

@Suite("Every BSON type round-trips")
struct RoundTripTests {
    @Test("bytes → document → canonical Extended JSON → document → bytes", arguments: TypeSample.all)
    func canonicalRoundTrip(sample: TypeSample) throws {
        let original = Document([("v", sample.value)]).bytes
        #expect(original[4] == sample.typeByte, "encoded with the wrong type byte")

        let decoded = try Document(bytes: original)
        let value = try #require(decoded["v"])
        #expect(identical(value, sample.value), "decoded \(value), built \(sample.value)")

        let json = decoded.canonicalExtendedJSON
        let reparsed = try Document(extendedJSON: json)
        #expect(reparsed.bytes == original, "canonical JSON was \(json)")
    }

    @Test(
        "relaxed Extended JSON keeps the value and, where it promises to, the type",
        arguments: TypeSample.all.filter(\.relaxedParses))
    func relaxedRoundTrip(sample: TypeSample) throws {
        let document = Document([("v", sample.value)])
        let json = document.relaxedExtendedJSON
        let reparsed = try Document(extendedJSON: json)
        let value = try #require(reparsed["v"])
        if sample.relaxedKeepsType {
            #expect(reparsed.bytes == document.bytes, "relaxed JSON was \(json)")
        } else {
            #expect(value.integerValue == sample.value.integerValue, "relaxed JSON was \(json)")
        }
    }

    @Test("a document holding every sample survives bytes and both JSON forms")
    func everythingAtOnce() throws {
        let document = TypeSample.everything
        let bytes = document.bytes
        let decoded = try Document(bytes: bytes)
        #expect(decoded == document)
        #expect(decoded.count == TypeSample.all.count)
        for (index, sample) in TypeSample.all.enumerated() {
            let value = try #require(decoded[String(index)])
            #expect(identical(value, sample.value), "\(sample.name): \(value)")
        }
        #expect(try Document(extendedJSON: decoded.canonicalExtendedJSON).bytes == bytes)
        #expect(try Document(extendedJSON: decoded.canonicalExtendedJSON).canonicalExtendedJSON
            == decoded.canonicalExtendedJSON)
    }

    @Test("relaxed dates after year 9999 are printed in a form libbson 1.23 cannot read back")
    func relaxedFarFutureDate() throws {
        // Known libbson 1.23 behaviour, documented on relaxedExtendedJSON; canonical form is exact.
        let document: Document = ["t": .datetime(253_402_300_800_000)]
        #expect(document.relaxedExtendedJSON.contains("10000-01-01T00:00:00Z"))
        #expect(throws: BSONError.self) { try Document(extendedJSON: document.relaxedExtendedJSON) }
        #expect(try Document(extendedJSON: document.canonicalExtendedJSON) == document)
    }

    @Test("exact bytes for a small document")
    func knownEncoding() throws {
        let document: Document = ["a": 1, "b": "hi"]
        let expected: [UInt8] = [
            0x16, 0, 0, 0,
            0x10, 0x61, 0, 1, 0, 0, 0,
            0x02, 0x62, 0, 3, 0, 0, 0, 0x68, 0x69, 0,
            0,
        ]
        #expect(document.bytes == expected)
        #expect(document.byteCount == expected.count)
        #expect(try Document(bytes: expected) == document)
        #expect(try Document(bytes: expected[...]) == document)
    }

    @Test("a string with NUL bytes keeps them")
    func stringWithNul() throws {
        let document: Document = ["s": .string("a\u{0}b")]
        let bytes = document.bytes
        #expect(bytes[7..<11] == [4, 0, 0, 0], "length must count the interior NUL")
        #expect(try Document(bytes: bytes)["s"] == .string("a\u{0}b"))
    }

    @Test("old binary (subtype 2) carries its redundant inner length")
    func oldBinaryLayout() throws {
        let bytes = Document([("b", .binary(subtype: 2, data: [0xAA, 0xBB]))]).bytes
        // type, "b\0", outer length 6, subtype 2, inner length 2, data
        #expect(Array(bytes[4...]) == [0x05, 0x62, 0, 6, 0, 0, 0, 2, 2, 0, 0, 0, 0xAA, 0xBB, 0])
        #expect(try Document(bytes: bytes)["b"] == .binary(subtype: 2, data: [0xAA, 0xBB]))
    }

    @Test("regex options are stored sorted, as the BSON spec requires")
    func regexOptionsSorted() {
        let document = Document([("r", .regex(pattern: "a", options: "xmi"))])
        #expect(document["r"] == .regex(pattern: "a", options: "imx"))
    }

    @Test("regex options as received in bytes are kept as they are")
    func regexOptionsFromBytesUntouched() throws {
        let bytes = RawBSON.document(RawBSON.element(0x0B, "r", Array("a".utf8) + [0] + Array("xi".utf8) + [0]))
        let document = try Document(bytes: bytes)
        #expect(document["r"] == .regex(pattern: "a", options: "xi"))
        #expect(document.bytes == bytes)
    }

    @Test("decimal128 parses and prints MongoDB's string forms", arguments: [
        "0", "-0", "1.50", "1E+10", "-1.23E-7", "NaN", "Infinity", "-Infinity",
        "9.999999999999999999999999999999999E+6144", "1E-6176",
    ])
    func decimal128Strings(text: String) throws {
        let decimal = try #require(Decimal128(text))
        #expect(decimal.description == text)
        #expect(Decimal128(low: decimal.low, high: decimal.high) == decimal)
    }

    @Test("decimal128 rejects text that is not a number")
    func decimal128Rejects() {
        #expect(Decimal128("one") == nil)
        #expect(Decimal128("1.2.3") == nil)
        #expect(Decimal128("") == nil)
    }

    @Test("decimal128 values compare by their bits, so 1.5 and 1.50 differ")
    func decimal128Identity() throws {
        let a = try #require(Decimal128("1.5"))
        let b = try #require(Decimal128("1.50"))
        #expect(a != b)
        #expect(a.approximateDouble == 1.5)
        #expect(b.approximateDouble == 1.5)
        #expect(Decimal128("NaN")!.approximateDouble.isNaN)
    }
}
