import BSON
import Foundation

/// `$add`, `$subtract`, `$multiply`, `$divide`, `$mod` and the one-number operators, with MongoDB's type
/// widening: int32 op int32 stays int32 while the result fits and becomes int64 when it does not; int64
/// overflow becomes double; a double makes the result double; a decimal makes it decimal. A null or
/// missing operand makes the result null.
enum Arithmetic {
    /// The value unless it is null, undefined or missing.
    static func present(_ value: BSONValue?) -> BSONValue? {
        switch value {
        case nil, .null?, .undefined?: nil
        case let value?: value
        }
    }

    static func add(_ operands: [BSONValue?]) throws(EngineError) -> BSONValue? {
        var total: BSONValue = .int32(0)
        var date: Int64?
        for operand in operands {
            guard let operand = present(operand) else { return .null }
            switch operand {
            case .datetime(let ms):
                if date != nil { throw EngineError(.addOneDate, "only one date allowed in an $add expression") }
                date = ms
            case let value where value.isNumber:
                total = try combine(total, value, { $0 + $1 }, { $0 + $1 }, overflow: { $0.addingReportingOverflow($1) })
            case let other:
                throw EngineError(.typeMismatch, "$add only supports numeric or date types, not \(other.typeName)")
            }
        }
        guard let date else { return total }
        return .datetime(try dateShifted(date, by: total, name: "$add"))
    }

    static func subtract(_ lhs: BSONValue?, _ rhs: BSONValue?) throws(EngineError) -> BSONValue? {
        guard let lhs = present(lhs), let rhs = present(rhs) else { return .null }
        switch (lhs, rhs) {
        case (.datetime(let a), .datetime(let b)):
            let (difference, overflow) = a.subtractingReportingOverflow(b)
            guard !overflow else { throw EngineError(.overflow, "date overflow in $subtract") }
            return .int64(difference)
        case (.datetime(let a), let b) where b.isNumber:
            return .datetime(try dateShifted(a, by: try negate(b), name: "$subtract"))
        case (let a, let b) where a.isNumber && b.isNumber:
            return try combine(a, b, { $0 - $1 }, { $0 - $1 }, overflow: { $0.subtractingReportingOverflow($1) })
        case (let a, let b):
            throw EngineError(.typeMismatch, "can't $subtract \(b.typeName) from \(a.typeName)")
        }
    }

    static func multiply(_ operands: [BSONValue?]) throws(EngineError) -> BSONValue? {
        var total: BSONValue = .int32(1)
        for operand in operands {
            guard let operand = present(operand) else { return .null }
            guard operand.isNumber else {
                throw EngineError(.typeMismatch, "$multiply only supports numeric types, not \(operand.typeName)")
            }
            total = try combine(total, operand, { $0 * $1 }, { $0 * $1 }, overflow: { $0.multipliedReportingOverflow(by: $1) })
        }
        return total
    }

    static func divide(_ lhs: BSONValue?, _ rhs: BSONValue?) throws(EngineError) -> BSONValue? {
        guard let lhs = present(lhs), let rhs = present(rhs) else { return .null }
        guard let x = lhs.doubleValue ?? (isDecimal(lhs) ? 0 : nil), let y = rhs.doubleValue ?? (isDecimal(rhs) ? 0 : nil) else {
            throw EngineError(.divideNotNumeric, "$divide only supports numeric types, not \(lhs.typeName) and \(rhs.typeName)")
        }
        if isDecimal(lhs) || isDecimal(rhs) {
            let divisor = try DecimalMath.decimal(rhs)
            if divisor.isZero { throw EngineError(.divideByZero, "can't $divide by zero") }
            return try DecimalMath.decimal128(try DecimalMath.decimal(lhs) / divisor)
        }
        if y == 0 { throw EngineError(.divideByZero, "can't $divide by zero") }
        return .double(x / y)
    }

    static func mod(_ lhs: BSONValue?, _ rhs: BSONValue?) throws(EngineError) -> BSONValue? {
        guard let a = present(lhs), let b = present(rhs) else { return .null }
        guard a.isNumber, b.isNumber else {
            throw EngineError(.modNotNumeric, "$mod only supports numeric types, not \(a.typeName) and \(b.typeName)")
        }
        if isDecimal(a) || isDecimal(b) {
            let x = try DecimalMath.decimal(a)
            let y = try DecimalMath.decimal(b)
            if y.isZero { throw EngineError(.modByZero, "can't $mod by zero") }
            let quotient = DecimalMath.round(x / y, places: 0, x.sign == y.sign ? .down : .up)
            return try DecimalMath.decimal128(x - quotient * y)
        }
        if !isDouble(a), !isDouble(b), let x = a.integerValue, let y = b.integerValue {
            if y == 0 { throw EngineError(.modByZero, "can't $mod by zero") }
            let remainder = y == -1 ? 0 : x % y
            if case .int32 = a, case .int32 = b { return .int32(Int32(remainder)) }
            return .int64(remainder)
        }
        let (x, y) = (a.doubleValue ?? .nan, b.doubleValue ?? .nan)
        if y == 0 { throw EngineError(.modByZero, "can't $mod by zero") }
        return .double(x.truncatingRemainder(dividingBy: y))
    }

    /// `$abs`, `$ceil`, `$floor`: integers keep their type (except `$abs` of int32's minimum, which needs a long).
    static func unary(_ op: ExpressionOperator, _ operand: BSONValue?) throws(EngineError) -> BSONValue? {
        guard let operand = present(operand) else { return .null }
        let name = op.rawValue
        switch operand {
        case .int32(let v):
            guard op == .abs else { return .int32(v) }
            return v == .min ? .int64(-Int64(v)) : .int32(Swift.abs(v))
        case .int64(let v):
            guard op == .abs else { return .int64(v) }
            guard v != .min else { throw EngineError(.absOfLongMin, "can't take \(name) of long long min") }
            return .int64(Swift.abs(v))
        case .double(let v):
            switch op {
            case .abs: return .double(Swift.abs(v))
            case .ceil: return .double(v.rounded(.up))
            default: return .double(v.rounded(.down))
            }
        case .decimal128(let d):
            let x = try DecimalMath.decimal(d)
            switch op {
            case .abs: return try DecimalMath.decimal128(x < 0 ? -x : x)
            case .ceil: return try DecimalMath.decimal128(DecimalMath.round(x, places: 0, .up))
            default: return try DecimalMath.decimal128(DecimalMath.round(x, places: 0, .down))
            }
        case let other:
            throw EngineError(.notNumeric, "\(name) only supports numeric types, not \(other.typeName)")
        }
    }

    /// `$round` (half to even) and `$trunc` to `place` decimal places, -20 through 100.
    static func round(_ op: ExpressionOperator, _ operand: BSONValue?, place placeValue: BSONValue?) throws(EngineError) -> BSONValue? {
        var place = 0
        if let placeValue {
            guard present(placeValue) != nil else { return .null }
            guard placeValue.isNumber, let p = placeValue.integerValue, (-20...100).contains(p) else {
                throw EngineError(.badPlace, "\(op.rawValue) requires \"place\" argument to be an integer between -20 and 100")
            }
            place = Int(p)
        }
        guard let value = present(operand) else { return .null }
        guard value.isNumber else {
            throw EngineError(.notNumeric, "\(op.rawValue) only supports numeric types, not \(value.typeName)")
        }
        let mode: Foundation.Decimal.RoundingMode = op == .round ? .bankers : (value.doubleValue.map { $0 < 0 } ?? false ? .up : .down)
        switch value {
        case .int32, .int64:
            guard place < 0 else { return value }
            let rounded = DecimalMath.round(try DecimalMath.decimal(value), places: place, mode)
            let result = NSDecimalNumber(decimal: rounded).int64Value
            if case .int32 = value, let small = Int32(exactly: result) { return .int32(small) }
            return .int64(result)
        case .double(let d):
            guard d.isFinite else { return value }
            guard d.magnitude < 9_007_199_254_740_992 else {
                // From 2^53 on every double is whole: only negative places change it, in binary.
                guard place < 0 else { return value }
                let scale = Foundation.pow(10, Double(-place))
                return .double((d / scale).rounded(op == .round ? .toNearestOrEven : .towardZero) * scale)
            }
            return .double(DecimalMath.double(DecimalMath.round(try DecimalMath.decimal(.double(d)), places: place, mode)))
        default:
            let x = try DecimalMath.decimal(value)
            return try DecimalMath.decimal128(DecimalMath.round(x, places: place, x < 0 && op == .trunc ? .up : mode))
        }
    }

    // MARK: widening

    private static func isDecimal(_ value: BSONValue) -> Bool {
        if case .decimal128 = value { return true }
        return false
    }

    private static func isDouble(_ value: BSONValue) -> Bool {
        if case .double = value { return true }
        return false
    }

    /// One binary operation on two numbers, in the widest type of the two, widening on overflow.
    private static func combine(
        _ a: BSONValue, _ b: BSONValue,
        _ decimalOp: (Foundation.Decimal, Foundation.Decimal) -> Foundation.Decimal,
        _ doubleOp: (Double, Double) -> Double, overflow: (Int64, Int64) -> (partialValue: Int64, overflow: Bool)
    ) throws(EngineError) -> BSONValue {
        if isDecimal(a) || isDecimal(b) {
            return try DecimalMath.decimal128(decimalOp(try DecimalMath.decimal(a), try DecimalMath.decimal(b)))
        }
        guard !isDouble(a), !isDouble(b), let x = a.integerValue, let y = b.integerValue else {
            return .double(doubleOp(a.doubleValue ?? .nan, b.doubleValue ?? .nan))
        }
        let (result, overflowed) = overflow(x, y)
        if overflowed { return .double(doubleOp(Double(x), Double(y))) }
        if case .int32 = a, case .int32 = b, let small = Int32(exactly: result) { return .int32(small) }
        return .int64(result)
    }

    private static func negate(_ value: BSONValue) throws(EngineError) -> BSONValue {
        try combine(.int32(0), value, { $0 - $1 }, { $0 - $1 }, overflow: { $0.subtractingReportingOverflow($1) })
    }

    /// A date moved by a number of milliseconds (doubles and decimals rounded to the nearest one).
    private static func dateShifted(_ date: Int64, by amount: BSONValue, name: String) throws(EngineError) -> Int64 {
        let millis: Int64?
        switch amount {
        case .int32(let v): millis = Int64(v)
        case .int64(let v): millis = v
        case .double(let v): millis = Int64(exactly: v.rounded())
        default: millis = Int64(exactly: DecimalMath.double(try DecimalMath.decimal(amount)).rounded())
        }
        guard let millis else { throw EngineError(.overflow, "date overflow in \(name)") }
        let (result, overflow) = date.addingReportingOverflow(millis)
        guard !overflow else { throw EngineError(.overflow, "date overflow in \(name)") }
        return result
    }
}
