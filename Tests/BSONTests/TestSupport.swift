@testable import BSON

/// Raw BSON assembly for tests that need bytes libbson would never write.
enum RawBSON {
    static func int32(_ value: Int32) -> [UInt8] { withUnsafeBytes(of: value.littleEndian) { Array($0) } }

    /// A document around `body` (the encoded elements): length prefix, body, terminator.
    static func document(_ body: [UInt8]) -> [UInt8] { int32(Int32(body.count + 5)) + body + [0] }

    /// One element: type byte, key, NUL, value bytes.
    static func element(_ type: UInt8, _ key: String, _ value: [UInt8]) -> [UInt8] {
        [type] + Array(key.utf8) + [0] + value
    }

    /// A BSON string value: length (including the NUL), bytes, NUL.
    static func string(_ bytes: [UInt8]) -> [UInt8] { int32(Int32(bytes.count + 1)) + bytes + [0] }

    /// `levels` documents each holding the next under key "a", around an empty innermost document.
    static func nested(levels: Int) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(5 + 8 * levels)
        for level in 0..<levels { out += int32(Int32(5 + 8 * (levels - level))) + [0x03, 0x61, 0] }
        out += [5, 0, 0, 0, 0]
        out += [UInt8](repeating: 0, count: levels)
        return out
    }
}

/// A small deterministic generator, so a failing fuzz case can be replayed from its seed.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Equality that tells doubles apart by bit pattern (NaN equals itself, -0.0 differs from 0.0), which is
/// what "round-trips unchanged" means for BSON.
func identical(_ lhs: BSONValue, _ rhs: BSONValue) -> Bool {
    switch (lhs, rhs) {
    case (.double(let l), .double(let r)): return l.bitPattern == r.bitPattern
    case (.array(let l), .array(let r)): return l.count == r.count && zip(l, r).allSatisfy(identical)
    case (.document(let l), .document(let r)): return l.bytes == r.bytes
    default: return lhs == rhs
    }
}
