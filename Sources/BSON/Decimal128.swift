import CMongoC

/// A decimal128 value, carried as its 16 bytes. msgsvc never does decimal arithmetic; it only stores,
/// compares for equality and prints these.
public struct Decimal128: Sendable, Hashable, CustomStringConvertible {
    public let low: UInt64
    public let high: UInt64

    public init(low: UInt64, high: UInt64) {
        self.low = low
        self.high = high
    }

    /// Parses MongoDB's decimal string form ("1.5", "-0", "NaN", "1E+10").
    public init?(_ string: String) {
        var dec = bson_decimal128_t()
        guard bson_decimal128_from_string(string, &dec) else { return nil }
        self.init(low: dec.low, high: dec.high)
    }

    public var description: String {
        var dec = bson_decimal128_t(low: low, high: high)
        var buffer = [CChar](repeating: 0, count: Int(BSON_DECIMAL128_STRING))
        bson_decimal128_to_string(&dec, &buffer)
        let end = buffer.firstIndex(of: 0) ?? buffer.count
        return String(decoding: buffer[..<end].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// A best-effort numeric value for ordering against other numbers.
    public var approximateDouble: Double { Double(description) ?? .nan }
}
