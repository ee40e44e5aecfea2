/// Base64 with the URL- and filename-safe alphabet (RFC 4648 §5), without padding.
///
/// Decoding is canonical: it refuses padding, other alphabets, impossible lengths and non-zero unused bits,
/// so each byte string has exactly one accepted spelling and any changed character is noticed.
enum Base64URL {
    static func encode(_ bytes: [UInt8]) -> String {
        bytes.withUnsafeBytes { bytes in
            String(unsafeUninitializedCapacity: encodedCount(bytes.count)) {
                encode(bytes, into: UnsafeMutableRawBufferPointer($0))
            }
        }
    }

    /// How many characters `count` bytes encode to.
    static func encodedCount(_ count: Int) -> Int { (count * 4 + 2) / 3 }

    /// Writes the encoding of `bytes` to `out`, which must have room for `encodedCount(bytes.count)`
    /// characters, and returns how many it wrote.
    static func encode(_ bytes: UnsafeRawBufferPointer, into out: UnsafeMutableRawBufferPointer) -> Int {
        let alphabet: StaticString = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
        return alphabet.withUTF8Buffer { alphabet in
            var written = 0
            var index = 0
            while index < bytes.count {
                let chunkCount = min(3, bytes.count - index)
                var group: UInt32 = 0
                for offset in 0..<chunkCount { group |= UInt32(bytes[index + offset]) << (16 - 8 * offset) }
                // n bytes carry 8n bits, which need n + 1 six-bit characters.
                for position in 0...chunkCount {
                    out[written] = alphabet[Int(group >> (18 - 6 * position) & 0x3F)]
                    written += 1
                }
                index += 3
            }
            return written
        }
    }

    static func decode(_ text: String) -> [UInt8]? {
        let characters = Array(text.utf8)
        // A final group of one character cannot hold a whole byte.
        guard characters.count % 4 != 1 else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(characters.count * 3 / 4)
        var index = 0
        while index < characters.count {
            let group = characters[index..<min(index + 4, characters.count)]
            var bits: UInt32 = 0
            for (offset, character) in group.enumerated() {
                guard let value = sextet(character) else { return nil }
                bits |= value << (18 - 6 * offset)
            }
            let byteCount = group.count - 1
            // Bits past the last whole byte must be zero, or two spellings would decode alike.
            let unusedMask: UInt32 = (1 << (24 - 8 * byteCount)) - 1
            guard bits & unusedMask == 0 else { return nil }
            for position in 0..<byteCount { out.append(UInt8(truncatingIfNeeded: bits >> (16 - 8 * position))) }
            index += 4
        }
        return out
    }

    private static func sextet(_ character: UInt8) -> UInt32? {
        switch character {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): UInt32(character - UInt8(ascii: "A"))
        case UInt8(ascii: "a")...UInt8(ascii: "z"): UInt32(character - UInt8(ascii: "a")) + 26
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(character - UInt8(ascii: "0")) + 52
        case UInt8(ascii: "-"): 62
        case UInt8(ascii: "_"): 63
        default: nil
        }
    }
}
