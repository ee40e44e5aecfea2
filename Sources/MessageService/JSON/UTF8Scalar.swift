/// Strict UTF-8 decoding of one scalar (RFC 3629): no overlong forms, no encoded surrogates, nothing above
/// U+10FFFF, no truncated sequences.
enum UTF8Scalar {
    /// The number of bytes of the well-formed sequence starting at `start`, or nil if it is ill-formed.
    static func sequenceLength(in bytes: [UInt8], at start: Int) -> Int? {
        let lead = bytes[start]
        let length: Int
        // The allowed range of the second byte depends on the lead byte; later bytes are plain continuations.
        let second: ClosedRange<UInt8>
        switch lead {
        case 0x00...0x7F: return 1
        case 0xC2...0xDF: (length, second) = (2, 0x80...0xBF)
        case 0xE0: (length, second) = (3, 0xA0...0xBF)
        case 0xE1...0xEC, 0xEE...0xEF: (length, second) = (3, 0x80...0xBF)
        case 0xED: (length, second) = (3, 0x80...0x9F)
        case 0xF0: (length, second) = (4, 0x90...0xBF)
        case 0xF1...0xF3: (length, second) = (4, 0x80...0xBF)
        case 0xF4: (length, second) = (4, 0x80...0x8F)
        default: return nil
        }
        guard start + length <= bytes.count, second.contains(bytes[start + 1]) else { return nil }
        for offset in 2..<length where !(0x80...0xBF).contains(bytes[start + offset]) {
            return nil
        }
        return length
    }

    /// Appends the UTF-8 encoding of `scalar`.
    static func append(_ scalar: Unicode.Scalar, to out: inout [UInt8]) {
        out.append(contentsOf: scalar.utf8)
    }
}
