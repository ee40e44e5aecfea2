import CMongoC

/// A 12-byte BSON ObjectId: 4-byte seconds, 5-byte process-unique random, 3-byte counter.
///
/// The bytes are kept inline, as two big-endian integers (bytes 0–7 and 8–11), so an id costs no heap
/// allocation and compares as two integer comparisons, in the same order as its bytes.
public struct ObjectId: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Bytes 0–7, big-endian.
    @usableFromInline let high: UInt64
    /// Bytes 8–11, big-endian.
    @usableFromInline let low: UInt32

    /// A fresh ObjectId. libbson's generator is thread-safe: its counter is atomic and its random part is
    /// reseeded per process (after fork too).
    public init() {
        var oid = bson_oid_t()
        bson_oid_init(&oid, nil)
        self = Swift.withUnsafeBytes(of: oid.bytes) { ObjectId(unsafeBytes: $0) }
    }

    public init?(bytes: [UInt8]) {
        guard bytes.count == 12 else { return nil }
        self = bytes.withUnsafeBytes { ObjectId(unsafeBytes: $0) }
    }

    /// The id in the first 12 bytes of `raw`, which must hold at least 12.
    @inlinable
    public init(unsafeBytes raw: UnsafeRawBufferPointer) {
        precondition(raw.count >= 12, "an ObjectId needs 12 bytes")
        high = UInt64(bigEndian: raw.loadUnaligned(as: UInt64.self))
        low = UInt32(bigEndian: raw.loadUnaligned(fromByteOffset: 8, as: UInt32.self))
    }

    /// Parses 24 hex digits; lowercase and uppercase are both accepted (use `isCanonicalHex` to insist on lowercase).
    public init?(hex: String) {
        var high: UInt64 = 0
        var low: UInt32 = 0
        var count = 0
        for c in hex.utf8 {
            guard count < 24, let digit = HexDigit.value(c) else { return nil }
            if count < 16 { high = high << 4 | UInt64(digit) } else { low = low << 4 | UInt32(digit) }
            count += 1
        }
        guard count == 24 else { return nil }
        self.high = high
        self.low = low
    }

    /// True for exactly 24 lowercase hex digits, the form msgsvc prints and accepts.
    public static func isCanonicalHex(_ s: String) -> Bool {
        s.utf8.count == 24 && s.utf8.allSatisfy { ($0 >= 48 && $0 <= 57) || ($0 >= 97 && $0 <= 102) }
    }


    /// The 12 bytes.
    public var bytes: [UInt8] { withUnsafeBytes { Array($0) } }

    /// Lends the 12 bytes without allocating.
    @inlinable
    public func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        let words = (high.bigEndian, low.bigEndian)
        return try Swift.withUnsafeBytes(of: words) { try body(UnsafeRawBufferPointer(rebasing: $0[0..<12])) }
    }

    /// Writes the 24 lowercase hex digits to `out`, which must have room for them.
    @inlinable
    public func writeHex(to out: UnsafeMutableRawPointer) {
        let digits: StaticString = "0123456789abcdef"
        digits.withUTF8Buffer { digits in
            for index in 0..<16 {
                out.storeBytes(of: digits[Int(truncatingIfNeeded: high >> (60 - 4 * UInt64(index))) & 0xF],
                               toByteOffset: index, as: UInt8.self)
            }
            for index in 0..<8 {
                out.storeBytes(of: digits[Int(truncatingIfNeeded: low >> (28 - 4 * UInt32(index))) & 0xF],
                               toByteOffset: 16 + index, as: UInt8.self)
            }
        }
    }

    public var hex: String {
        String(unsafeUninitializedCapacity: 24) { buffer in
            writeHex(to: UnsafeMutableRawPointer(buffer.baseAddress!))
            return 24
        }
    }

    /// Seconds since the epoch stored in the first four bytes.
    public var timestampSeconds: UInt32 { UInt32(truncatingIfNeeded: high >> 32) }

    public var description: String { hex }

    /// Byte order, which the two big-endian words keep.
    public static func < (lhs: ObjectId, rhs: ObjectId) -> Bool {
        (lhs.high, lhs.low) < (rhs.high, rhs.low)
    }

    var cValue: bson_oid_t {
        var oid = bson_oid_t()
        withUnsafeBytes { source in
            Swift.withUnsafeMutableBytes(of: &oid.bytes) { $0.copyMemory(from: source) }
        }
        return oid
    }
}
