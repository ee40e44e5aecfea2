import Testing

@testable import BSON

@Suite("Malformed BSON is a typed error, never a crash")
struct MalformedBSONTests {
    /// Returns the error `Document(bytes:)` throws, recording an issue if it accepts the bytes instead.
    private func rejection(_ bytes: [UInt8], sourceLocation: SourceLocation = #_sourceLocation) -> BSONError? {
        do {
            let document = try Document(bytes: bytes)
            Issue.record("accepted \(bytes) as \(document)", sourceLocation: sourceLocation)
            return nil
        } catch {
            return error
        }
    }

    /// Expects `Document(bytes:)` to throw `.malformed`.
    private func expectMalformed(_ bytes: [UInt8], _ what: String = "", sourceLocation: SourceLocation = #_sourceLocation) {
        guard let error = rejection(bytes, sourceLocation: sourceLocation) else { return }
        guard case .malformed = error else {
            Issue.record("\(what) expected malformed, got \(error)", sourceLocation: sourceLocation)
            return
        }
    }

    @Test("fewer than 5 bytes is truncated", arguments: [0, 1, 4])
    func tooShort(count: Int) {
        let bytes = Array([5, 0, 0, 0, 0].prefix(count)) as [UInt8]
        #expect(rejection(bytes) == .truncated(expected: 5, actual: count))
    }

    @Test("a length prefix beyond the data is truncated")
    func prefixTooLarge() {
        var bytes = (["a": 1] as Document).bytes
        bytes.removeLast(3)
        bytes.replaceSubrange(0..<4, with: RawBSON.int32(12))
        #expect(rejection(bytes) == .truncated(expected: 12, actual: 9))
    }

    @Test("a document cut short is truncated")
    func cutShort() {
        let bytes = (["a": "hello", "b": 2] as Document).bytes
        for length in 5..<bytes.count {
            guard case .truncated(let expected, let actual) = rejection(Array(bytes.prefix(length))) else {
                Issue.record("prefix of \(length) bytes not reported as truncated")
                continue
            }
            #expect(expected == bytes.count)
            #expect(actual == length)
        }
    }

    @Test("a length prefix below the data, below 5 or negative is malformed", arguments: [
        Int32(5), 11, 4, 0, -1, .min,
    ])
    func prefixWrong(prefix: Int32) {
        var bytes = (["a": 1] as Document).bytes
        bytes.replaceSubrange(0..<4, with: RawBSON.int32(prefix))
        expectMalformed(bytes, "length prefix \(prefix) for \(bytes.count) bytes")
    }

    @Test("trailing bytes after the document are malformed")
    func trailingBytes() {
        #expect(rejection((["a": 1] as Document).bytes + [0]) == .malformed("length prefix 12 but 13 bytes given"))
    }

    @Test("a missing terminator is malformed")
    func missingTerminator() {
        var bytes = (["a": 1] as Document).bytes
        bytes[bytes.count - 1] = 1
        expectMalformed(bytes)
        // Also: an element that runs into the final byte, so no terminator is left.
        let noRoom = RawBSON.int32(11) + [0x10, 0x61, 0, 1, 0, 0, 0]
        expectMalformed(noRoom)
    }

    @Test("an unknown or zero element type is malformed", arguments: [UInt8(0x00), 0x14, 0x20, 0x7E, 0x80, 0xFE])
    func badTypeByte(type: UInt8) {
        let bytes = RawBSON.document(RawBSON.element(type, "a", [1, 0, 0, 0]))
        expectMalformed(bytes)
    }

    @Test("a key without its NUL is malformed")
    func unterminatedKey() {
        let bytes = RawBSON.int32(8) + [0x0A, 0x61, 0x62, 0]
        expectMalformed(bytes)
    }

    @Test("string lengths that overrun, undercount or omit the NUL are malformed", arguments: [
        RawBSON.int32(100) + Array("hi".utf8) + [0],
        RawBSON.int32(0) + Array("hi".utf8) + [0],
        RawBSON.int32(-5) + Array("hi".utf8) + [0],
        RawBSON.int32(2) + Array("hi".utf8) + [0],
        RawBSON.int32(3) + Array("hiX".utf8),
    ])
    func badStringLength(value: [UInt8]) {
        expectMalformed(RawBSON.document(RawBSON.element(0x02, "s", value)))
    }

    @Test("invalid UTF-8 in a string, a key or a regex is malformed", arguments: [
        RawBSON.element(0x02, "s", RawBSON.string([0xC3])),
        RawBSON.element(0x02, "s", RawBSON.string([0xFF, 0x61])),
        RawBSON.element(0x02, "s", RawBSON.string([0xED, 0xA0, 0x80])),
        RawBSON.element(0x02, "s", RawBSON.string([0xC0, 0x80])),
        [0x0A, 0x61, 0xFE, 0],
        [0x0B, 0x61, 0] + [0xFF, 0] + [0],
        [0x0B, 0x61, 0] + [0x61, 0] + [0xC3, 0],
        RawBSON.element(0x03, "d", RawBSON.document(RawBSON.element(0x02, "s", RawBSON.string([0x80])))),
    ])
    func invalidUTF8(element: [UInt8]) {
        expectMalformed(RawBSON.document(element))
    }

    @Test("a bool other than 0 or 1 is malformed")
    func badBool() {
        expectMalformed(RawBSON.document(RawBSON.element(0x08, "b", [2])))
    }

    @Test("fixed-size values cut short are malformed", arguments: [
        (UInt8(0x01), 7), (0x07, 11), (0x09, 7), (0x10, 3), (0x11, 7), (0x12, 7), (0x13, 15),
    ])
    func shortFixedSize(type: UInt8, size: Int) {
        let bytes = RawBSON.document(RawBSON.element(type, "v", [UInt8](repeating: 1, count: size)))
        expectMalformed(bytes)
    }

    @Test("binary lengths that overrun or disagree with subtype 2's inner length are malformed", arguments: [
        RawBSON.int32(50) + [0, 1, 2],
        RawBSON.int32(-1) + [0, 1, 2],
        RawBSON.int32(6) + [2] + RawBSON.int32(3) + [1, 2],
        RawBSON.int32(2) + [2, 1, 2],
    ])
    func badBinary(value: [UInt8]) {
        expectMalformed(RawBSON.document(RawBSON.element(0x05, "b", value)))
    }

    @Test("nested document lengths that lie are malformed")
    func nestedLengthLies() {
        let inner = (["x": 1] as Document).bytes
        var longer = inner
        longer.replaceSubrange(0..<4, with: RawBSON.int32(Int32(inner.count + 3)))
        var shorter = inner
        shorter.replaceSubrange(0..<4, with: RawBSON.int32(Int32(inner.count - 2)))
        var tiny = inner
        tiny.replaceSubrange(0..<4, with: RawBSON.int32(3))
        var unterminated = inner
        unterminated[inner.count - 1] = 7
        for (name, body) in [("longer", longer), ("shorter", shorter), ("tiny", tiny), ("unterminated", unterminated)] {
            for type: UInt8 in [0x03, 0x04] {
                let bytes = RawBSON.document(RawBSON.element(type, "d", body) + RawBSON.element(0x0A, "n", []))
                expectMalformed(bytes, "\(name) nested length for type \(type)")
            }
        }
    }

    @Test("deprecated types are refused with the key named", arguments: [
        RawBSON.element(0x0D, "js", RawBSON.string(Array("f()".utf8))),
        RawBSON.element(0x0E, "js", RawBSON.string(Array("sym".utf8))),
        RawBSON.element(0x0C, "js", RawBSON.string(Array("c".utf8)) + [UInt8](repeating: 1, count: 12)),
        RawBSON.element(
            0x0F, "js",
            RawBSON.int32(4 + 7 + 5) + RawBSON.string(Array("f(".utf8)) + RawBSON.document([])),
    ])
    func deprecatedTypes(element: [UInt8]) {
        let error = rejection(RawBSON.document(element))
        guard case .malformed(let why) = error else {
            if let error { Issue.record("expected malformed, got \(error)") }
            return
        }
        #expect(why.contains("\"js\""), "\(why)")
    }

    @Test("nesting up to the maximum depth is accepted, one more level is not")
    func nestingLimit() throws {
        let deepest = try Document(bytes: RawBSON.nested(levels: Document.maximumNestingDepth))
        let path = Array(repeating: "a", count: Document.maximumNestingDepth).joined(separator: ".")
        #expect(deepest.value(atPath: path) == .document(Document()))
        #expect(!deepest.canonicalExtendedJSON.contains("..."), "libbson prints this depth in full")
        #expect(rejection(RawBSON.nested(levels: Document.maximumNestingDepth + 1))
            == .malformed("documents nested deeper than \(Document.maximumNestingDepth) levels"))
    }

    @Test("absurd nesting (a stack-overflow attempt) is refused")
    func absurdNesting() {
        #expect(rejection(RawBSON.nested(levels: 500_000))
            == .malformed("documents nested deeper than \(Document.maximumNestingDepth) levels"))
    }

    @Test("random mutations of a valid document either parse faithfully or throw")
    func mutations() throws {
        let valid = TypeSample.everything.bytes
        var rng = SplitMix64(state: 0x5EED)
        var accepted = 0
        var rejected = 0
        for round in 0..<4000 {
            var bytes = valid
            for _ in 0..<Int.random(in: 1...4, using: &rng) {
                let at = Int.random(in: 0..<bytes.count, using: &rng)
                switch Int.random(in: 0..<6, using: &rng) {
                case 0: bytes[at] = UInt8.random(in: 0...255, using: &rng)
                case 1: bytes[at] ^= 1 << UInt8.random(in: 0..<8, using: &rng)
                case 2: bytes.removeSubrange(at...)
                case 3: bytes.insert(UInt8.random(in: 0...255, using: &rng), at: at)
                case 4: bytes.remove(at: at)
                default:
                    // Rewrite a little-endian int32 anywhere, which is where lengths live.
                    let value = RawBSON.int32(Int32.random(in: -8...Int32(valid.count + 8), using: &rng))
                    bytes.replaceSubrange(at..<min(at + 4, bytes.count), with: value)
                }
                if bytes.isEmpty { break }
            }
            do {
                let document = try Document(bytes: bytes)
                accepted += 1
                #expect(document.bytes == bytes, "round \(round) changed the bytes")
                // Reading everything must be safe on anything accepted.
                _ = document.elements
                _ = document.canonicalExtendedJSON
                _ = document.relaxedExtendedJSON
                #expect(try Document(bytes: document.bytes) == document)
            } catch {
                rejected += 1
            }
        }
        #expect(accepted > 0)
        #expect(rejected > 0)
    }
}
