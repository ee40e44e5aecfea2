import CMongoC

/// A 12-byte BSON ObjectId: 4-byte seconds, 5-byte process-unique random, 3-byte counter.
public struct ObjectId: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let bytes: [UInt8]

    /// A fresh ObjectId. libbson's generator is thread-safe: its counter is atomic and its random part is
    /// reseeded per process (after fork too).
    public init() {
        var oid = bson_oid_t()
        bson_oid_init(&oid, nil)
        self.bytes = withUnsafeBytes(of: oid.bytes) { Array($0) }
    }

    public init?(bytes: [UInt8]) {
        guard bytes.count == 12 else { return nil }
        self.bytes = bytes
    }

    /// Parses 24 hex digits; lowercase and uppercase are both accepted (use `isCanonicalHex` to insist on lowercase).
    public init?(hex: String) {
        let utf8 = Array(hex.utf8)
        guard utf8.count == 24 else { return nil }
        var out = [UInt8]()
        out.reserveCapacity(12)
        var i = 0
        while i < 24 {
            guard let hi = Self.nibble(utf8[i]), let lo = Self.nibble(utf8[i + 1]) else { return nil }
            out.append(hi << 4 | lo)
            i += 2
        }
        self.bytes = out
    }

    /// True for exactly 24 lowercase hex digits, the form msgsvc prints and accepts.
    public static func isCanonicalHex(_ s: String) -> Bool {
        s.utf8.count == 24 && s.utf8.allSatisfy { ($0 >= 48 && $0 <= 57) || ($0 >= 97 && $0 <= 102) }
    }

    private static func nibble(_ c: UInt8) -> UInt8? {
        switch c {
        case 48...57: c - 48
        case 97...102: c - 87
        case 65...70: c - 55
        default: nil
        }
    }

    public var hex: String {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(24)
        for b in bytes {
            out.append(digits[Int(b >> 4)])
            out.append(digits[Int(b & 0xF)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Seconds since the epoch stored in the first four bytes.
    public var timestampSeconds: UInt32 {
        bytes[0..<4].reduce(0) { $0 << 8 | UInt32($1) }
    }

    public var description: String { hex }

    public static func < (lhs: ObjectId, rhs: ObjectId) -> Bool {
        lhs.bytes.lexicographicallyPrecedes(rhs.bytes)
    }

    var cValue: bson_oid_t {
        var oid = bson_oid_t()
        withUnsafeMutableBytes(of: &oid.bytes) { $0.copyBytes(from: bytes) }
        return oid
    }
}
