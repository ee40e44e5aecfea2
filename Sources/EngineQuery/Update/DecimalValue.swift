import BSON

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A decimal128 taken apart for arithmetic: sign, decimal digits and exponent (value = digits × 10^exponent).
/// Results are exact until `encoded()` rounds them, half to even, to the 34 digits and the exponent range
/// of IEEE 754 decimal128, as MongoDB's own decimal arithmetic does.
struct DecimalValue {
    enum Kind { case finite, infinity, nan }

    var kind: Kind
    var negative: Bool
    /// Most significant first, without leading zeros; empty for zero.
    var digits: [UInt8]
    var exponent: Int

    static let maxDigits = 34
    static let minExponent = -6176
    static let maxExponent = 6111

    init(kind: Kind = .finite, negative: Bool, digits: [UInt8], exponent: Int) {
        self.kind = kind
        self.negative = negative
        self.digits = Array(digits.drop { $0 == 0 })
        self.exponent = exponent
    }

    /// The number a BSON numeric value stands for, as MongoDB converts it: integers exactly, doubles
    /// rounded to 15 significant digits.
    init?(_ value: BSONValue) {
        switch value {
        case .int32(let v): self.init(integer: Int64(v))
        case .int64(let v): self.init(integer: v)
        case .double(let d): self.init(double: d)
        case .decimal128(let d): self.init(decimal: d)
        default: return nil
        }
    }

    private init(integer: Int64) {
        self.init(negative: integer < 0, digits: Self.digits(of: String(integer.magnitude)), exponent: 0)
    }

    private init(double d: Double) {
        if d.isNaN {
            self.init(kind: .nan, negative: false, digits: [], exponent: 0)
        } else if d.isInfinite {
            self.init(kind: .infinity, negative: d < 0, digits: [], exponent: 0)
        } else if d == 0 {
            self.init(negative: d.sign == .minus, digits: [], exponent: 0)
        } else {
            // "%.14e" rounds the exact binary value to 15 significant digits: "d.dddddddddddddde±x".
            let text = Self.scientific(d)
            let parts = text.split(separator: "e")
            let mantissa = parts.first.map { Self.digits(of: String($0)) } ?? []
            let power = parts.count > 1 ? Int(parts[1]) ?? 0 : 0
            // Trailing zeros stay: the 15-digit cohort (1.0 → 1.00000000000000) is what mongod produces.
            self.init(negative: d < 0, digits: mantissa, exponent: power - 14)
        }
    }

    private init(decimal: Decimal128) {
        let high = decimal.high
        let negative = high >> 63 == 1
        if (high >> 58) & 0x1F == 0x1F {
            self.init(kind: .nan, negative: negative, digits: [], exponent: 0)
            return
        }
        if (high >> 58) & 0x1F == 0x1E {
            self.init(kind: .infinity, negative: negative, digits: [], exponent: 0)
            return
        }
        if (high >> 61) & 0x3 == 0x3 {
            // The second encoding form only holds coefficients above 10^34 - 1, which read as zero.
            self.init(negative: negative, digits: [], exponent: Int((high >> 47) & 0x3FFF) + Self.minExponent)
            return
        }
        let coefficient = UInt128(high & 0x1_FFFF_FFFF_FFFF) << 64 | UInt128(decimal.low)
        let canonical = coefficient < Self.coefficientLimit ? coefficient : 0
        self.init(
            negative: negative, digits: Self.digits(of: String(canonical)),
            exponent: Int((high >> 49) & 0x3FFF) + Self.minExponent)
    }

    private static let coefficientLimit: UInt128 = {
        var limit: UInt128 = 1
        for _ in 0..<maxDigits { limit *= 10 }
        return limit
    }()

    private static func digits(of text: String) -> [UInt8] {
        text.utf8.filter { $0 >= 0x30 && $0 <= 0x39 }.map { $0 - 0x30 }
    }

    private static func scientific(_ d: Double) -> String {
        var buffer = [CChar](repeating: 0, count: 64)
        _ = withVaList([d]) { vsnprintf(&buffer, buffer.count, "%.14e", $0) }
        let end = buffer.firstIndex(of: 0) ?? buffer.count
        return String(decoding: buffer[..<end].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    var isZero: Bool { kind == .finite && digits.isEmpty }

    /// The value rounded into decimal128: half to even at 34 digits, exponents clamped (subnormals
    /// rounded, overflow to infinity), and encoded.
    func encoded() -> Decimal128 {
        let sign: UInt64 = negative ? 1 << 63 : 0
        switch kind {
        case .nan: return Decimal128(low: 0, high: 0x7C00_0000_0000_0000)
        case .infinity: return Decimal128(low: 0, high: sign | 0x7800_0000_0000_0000)
        case .finite: break
        }
        var digits = self.digits
        var exponent = self.exponent
        // One rounding for both limits: at most 34 digits, and no exponent below the minimum.
        let drop = max(digits.count - Self.maxDigits, Self.minExponent - exponent, 0)
        if drop > 0 {
            digits = Self.rounded(digits, dropping: drop)
            exponent += drop
            if digits.count > Self.maxDigits {
                // A carry out of 99…9 adds a digit, which is a trailing zero.
                digits.removeLast()
                exponent += 1
            }
        }
        if exponent > Self.maxExponent {
            if digits.isEmpty {
                exponent = Self.maxExponent
            } else {
                // Trade exponent for trailing zeros while the digits allow (clamping), else overflow.
                let room = Self.maxDigits - digits.count
                let needed = exponent - Self.maxExponent
                guard needed <= room else { return Decimal128(low: 0, high: sign | 0x7800_0000_0000_0000) }
                digits += Array(repeating: 0, count: needed)
                exponent = Self.maxExponent
            }
        }
        var coefficient: UInt128 = 0
        for digit in digits { coefficient = coefficient * 10 + UInt128(digit) }
        let biased = UInt64(exponent - Self.minExponent)
        let high = sign | biased << 49 | UInt64(truncatingIfNeeded: coefficient >> 64)
        return Decimal128(low: UInt64(truncatingIfNeeded: coefficient), high: high)
    }

    /// `digits` without its last `drop` digits, rounded half to even (may gain a digit on carry).
    static func rounded(_ digits: [UInt8], dropping drop: Int) -> [UInt8] {
        guard drop > 0 else { return digits }
        if drop > digits.count { return [] }
        let kept = Array(digits.prefix(digits.count - drop))
        let first = digits[digits.count - drop]
        let sticky = digits.suffix(drop - 1).contains { $0 != 0 }
        let lastKeptIsOdd = (kept.last ?? 0) % 2 == 1
        guard first > 5 || (first == 5 && (sticky || lastKeptIsOdd)) else { return Array(kept.drop { $0 == 0 }) }
        return DecimalDigits.add(kept, [1])
    }
}
