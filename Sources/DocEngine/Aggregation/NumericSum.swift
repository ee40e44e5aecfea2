import BSON
import EngineQuery
import Foundation

/// The running total of `$sum` and `$avg`, widened the way MongoDB widens it: ints stay int while the
/// total fits, become long when it does not (or a long is added), double when a long would overflow (or
/// a double is added), and decimal as soon as a decimal is added. Non-numbers are ignored. Constant
/// memory: a `$group` over a million documents keeps one of these per group and output field.
struct NumericSum {
    private enum Width: Int, Comparable {
        case int32, int64, double, decimal
        static func < (lhs: Width, rhs: Width) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    private var width = Width.int32
    /// The integer operands' exact total, until it overflows.
    private var integers: Int64 = 0
    private var integersOverflowed = false
    /// The integer operands' total as a double, which takes over once the exact total overflows.
    private var integersAsDouble: Double = 0
    private var doubles: Double = 0
    private var decimals = Foundation.Decimal(0)
    /// A NaN or infinite decimal operand makes the decimal total that value (NaN for opposite infinities).
    private var decimalSpecial: Decimal128?
    /// How many numeric operands were added ($avg's divisor).
    private(set) var count = 0

    mutating func add(_ value: BSONValue) throws(EngineError) {
        switch value {
        case .int32(let v): addInteger(Int64(v))
        case .int64(let v):
            width = max(width, .int64)
            addInteger(v)
        case .double(let v):
            width = max(width, .double)
            doubles += v
        case .decimal128(let v):
            width = .decimal
            try addDecimal(v)
        default:
            return
        }
        count += 1
    }

    /// `$sum`'s result.
    func total() throws(EngineError) -> BSONValue {
        switch width {
        case .decimal:
            return .decimal128(try decimalTotal())
        case .double:
            return .double(integerTotalAsDouble + doubles)
        case .int32 where !integersOverflowed:
            return Int32(exactly: integers).map(BSONValue.int32) ?? .int64(integers)
        case .int32, .int64:
            return integersOverflowed ? .double(integersAsDouble) : .int64(integers)
        }
    }

    /// `$avg`'s result: null without numeric operands, decimal if any was decimal, else double.
    func average() throws(EngineError) -> BSONValue {
        guard count > 0 else { return .null }
        if width == .decimal {
            if let special = decimalSpecial { return .decimal128(special) }
            return .decimal128(try Self.decimal128(exactSum() / Foundation.Decimal(count)))
        }
        return .double((integerTotalAsDouble + doubles) / Double(count))
    }

    private var integerTotalAsDouble: Double { integersOverflowed ? integersAsDouble : Double(integers) }

    private mutating func addInteger(_ v: Int64) {
        integersAsDouble += Double(v)
        guard !integersOverflowed else { return }
        let (sum, overflow) = integers.addingReportingOverflow(v)
        if overflow {
            integersOverflowed = true
            width = max(width, .double)
        } else {
            integers = sum
        }
    }

    private mutating func addDecimal(_ v: Decimal128) throws(EngineError) {
        let text = v.description
        if text == "NaN" || text.hasSuffix("Infinity") {
            switch (decimalSpecial?.description, text) {
            case (nil, _): decimalSpecial = v
            case ("NaN", _): break
            case (let current?, _) where current != text: decimalSpecial = Decimal128("NaN")
            default: break
            }
            return
        }
        guard let parsed = Foundation.Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")) else {
            throw EngineError(.badValue, "$sum cannot add the decimal \(text): it is outside the supported range")
        }
        decimals += parsed
    }

    private func exactSum() -> Foundation.Decimal {
        let integerPart = integersOverflowed ? Foundation.Decimal(integersAsDouble) : Foundation.Decimal(integers)
        return integerPart + Foundation.Decimal(doubles) + decimals
    }

    private func decimalTotal() throws(EngineError) -> Decimal128 {
        if let special = decimalSpecial { return special }
        return try Self.decimal128(exactSum())
    }

    /// decimal128 carries 34 significant digits; longer results (an average) round half to even, as
    /// IEEE 754 decimal arithmetic does.
    private static func decimal128(_ value: Foundation.Decimal) throws(EngineError) -> Decimal128 {
        var value = value
        let digits = text(value).split(separator: ".", omittingEmptySubsequences: false)
        let whole = digits[0].drop { $0 == "-" || $0 == "0" }
        let fraction = digits.count > 1 ? digits[1] : ""
        let significant = whole.isEmpty ? fraction.drop { $0 == "0" }.count : whole.count + fraction.count
        if significant > 34 {
            var rounded = Foundation.Decimal()
            NSDecimalRound(&rounded, &value, fraction.count - (significant - 34), .bankers)
            value = rounded
        }
        let text = text(value)
        guard let result = Decimal128(text) else {
            throw EngineError(.badValue, "the decimal total \(text) cannot be represented as a decimal128")
        }
        return result
    }

    private static func text(_ value: Foundation.Decimal) -> String {
        NSDecimalNumber(decimal: value).description(withLocale: Locale(identifier: "en_US_POSIX"))
    }
}
