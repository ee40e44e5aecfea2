import BSON

/// A number reduced to a canonical, totally ordered form: int32, int64 and double values that are equal
/// reduce to the same key, and keys order by exact value (no rounding through Double), so 2^63-1 and
/// the double 2^63 stay distinct. MongoDB orders NaN below every other number and equal to itself.
///
/// A finite non-zero magnitude is written as 2^exponent × (1 + fraction / 2^64): the leading one bit is
/// implicit and `fraction` holds the remaining significant bits left-aligned. Every int64 (63 bits) and
/// every double (53 bits) fits exactly.
struct NumericKey: Comparable, Hashable {
    enum Kind: UInt8, Comparable {
        case nan = 1, negativeInfinity, negative, zero, positive, positiveInfinity
        static func < (a: Kind, b: Kind) -> Bool { a.rawValue < b.rawValue }
    }

    let kind: Kind
    let exponent: Int
    let fraction: UInt64

    private init(kind: Kind, exponent: Int = 0, fraction: UInt64 = 0) {
        self.kind = kind
        self.exponent = exponent
        self.fraction = fraction
    }

    /// `mantissa × 2^scale`, normalized so the leading one is implicit.
    private init(negative: Bool, mantissa: UInt64, scale: Int) {
        if mantissa == 0 {
            self.init(kind: .zero)
            return
        }
        let leading = mantissa.leadingZeroBitCount
        // Smart shift: a shift of 64 yields zero, which is the right fraction for a power of two.
        self.init(
            kind: negative ? .negative : .positive,
            exponent: (63 - leading) + scale,
            fraction: mantissa << (leading + 1))
    }

    init(_ value: Int64) {
        self.init(negative: value < 0, mantissa: value.magnitude, scale: 0)
    }

    init(_ value: Double) {
        if value.isNaN {
            self.init(kind: .nan)
        } else if value.isInfinite {
            self.init(kind: value < 0 ? .negativeInfinity : .positiveInfinity)
        } else if value.exponentBitPattern == 0 {
            // Zero or subnormal: no implicit bit, fixed minimum scale.
            self.init(negative: value.sign == .minus, mantissa: value.significandBitPattern, scale: -1074)
        } else {
            self.init(
                negative: value.sign == .minus,
                mantissa: (1 << 52) | value.significandBitPattern,
                scale: Int(value.exponentBitPattern) - 1075)
        }
    }

    /// The key for any BSON number; nil for other types. Decimal128 goes through its nearest Double:
    /// the engine does no decimal arithmetic, so decimals equal after rounding compare equal.
    init?(_ value: BSONValue) {
        switch value {
        case .int32(let v): self.init(Int64(v))
        case .int64(let v): self.init(v)
        case .double(let v): self.init(v)
        case .decimal128(let d): self.init(d.approximateDouble)
        default: return nil
        }
    }

    static func < (a: NumericKey, b: NumericKey) -> Bool {
        if a.kind != b.kind { return a.kind < b.kind }
        switch a.kind {
        case .positive:
            return (a.exponent, a.fraction) < (b.exponent, b.fraction)
        case .negative:
            return (a.exponent, a.fraction) > (b.exponent, b.fraction)
        default:
            return false
        }
    }

    /// Big-endian bytes that sort like the key. Exponents of doubles and int64s lie in -1074...63+;
    /// an offset keeps the stored value positive.
    func append(to out: inout [UInt8]) {
        out.append(kind.rawValue)
        guard kind == .positive || kind == .negative else { return }
        let flip: UInt8 = kind == .negative ? 0xFF : 0x00
        let biased = UInt16(exponent + 0x4000)
        out.append(UInt8(biased >> 8) ^ flip)
        out.append(UInt8(biased & 0xFF) ^ flip)
        for shift in stride(from: 56, through: 0, by: -8) {
            out.append(UInt8(truncatingIfNeeded: fraction >> UInt64(shift)) ^ flip)
        }
    }
}
