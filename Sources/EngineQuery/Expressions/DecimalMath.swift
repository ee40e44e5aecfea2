import BSON
import Foundation

/// decimal128 arithmetic through Foundation's Decimal (38 significant digits, enough for decimal128's 34),
/// converting through the decimal strings both sides read and write. NaN and infinities, which Decimal
/// cannot hold, are refused rather than silently turned into numbers.
enum DecimalMath {
    static func decimal(_ value: Decimal128) throws(EngineError) -> Foundation.Decimal {
        let text = value.description
        guard let parsed = Foundation.Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")), parsed.isFinite else {
            throw EngineError(.badValue, "decimal arithmetic on \(text) is not supported by this server")
        }
        return parsed
    }

    static func decimal(_ value: BSONValue) throws(EngineError) -> Foundation.Decimal {
        switch value {
        case .int32(let v): return Foundation.Decimal(v)
        case .int64(let v): return Foundation.Decimal(v)
        case .double(let v):
            // Foundation's Decimal stops near 1e165; decimal128 goes further, but this server does not.
            guard v.isFinite, v.magnitude < 1e38 else {
                throw EngineError(.badValue, "decimal arithmetic on \(v) is not supported by this server")
            }
            return Foundation.Decimal(string: String(v), locale: Locale(identifier: "en_US_POSIX")) ?? Foundation.Decimal(v)
        case .decimal128(let d): return try decimal(d)
        default: return 0
        }
    }

    /// The value as decimal128, rounded half to even to 34 significant digits.
    static func decimal128(_ value: Foundation.Decimal) throws(EngineError) -> BSONValue {
        var value = value
        if let exact = Decimal128(text(value)), text(value).filter(\.isNumber).count <= 34 { return .decimal128(exact) }
        let digits = text(value).split(separator: ".", omittingEmptySubsequences: false)
        let fraction = digits.count > 1 ? digits[1].count : 0
        let whole = digits[0].drop { $0 == "-" || $0 == "0" }.count
        var rounded = Foundation.Decimal()
        NSDecimalRound(&rounded, &value, max(0, fraction - (whole + fraction - 34)), .bankers)
        guard let result = Decimal128(text(rounded)) else {
            throw EngineError(.badValue, "the decimal \(text(value)) cannot be represented as a decimal128")
        }
        return .decimal128(result)
    }

    static func isZero(_ value: Decimal128) -> Bool {
        Foundation.Decimal(string: value.description, locale: Locale(identifier: "en_US_POSIX"))?.isZero ?? false
    }

    static func text(_ value: Foundation.Decimal) -> String {
        NSDecimalNumber(decimal: value).description(withLocale: Locale(identifier: "en_US_POSIX"))
    }

    static func double(_ value: Foundation.Decimal) -> Double {
        NSDecimalNumber(decimal: value).doubleValue
    }

    /// Rounds to `places` decimal places (negative: to tens, hundreds…).
    static func round(_ value: Foundation.Decimal, places: Int, _ mode: Foundation.Decimal.RoundingMode) -> Foundation.Decimal {
        var value = value
        var rounded = Foundation.Decimal()
        NSDecimalRound(&rounded, &value, places, mode)
        return rounded
    }
}
