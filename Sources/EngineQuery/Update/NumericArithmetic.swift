import BSON

/// `$inc`, `$mul` and `$bit` arithmetic with MongoDB's type rules: the wider operand type wins
/// (int32 < int64 < double < decimal128), an int32 result that overflows becomes int64, and an int64 overflow is an
/// error rather than a silent wrap.
enum NumericArithmetic {
    enum Operation: Sendable { case add, multiply }

    /// The result, or nil when an int64 result overflows. A decimal128 on either side makes the result
    /// a decimal128 (see `DecimalArithmetic`).
    static func apply(_ operation: Operation, _ lhs: BSONValue, _ rhs: BSONValue) -> BSONValue? {
        switch (lhs, rhs) {
        case (.decimal128, _), (_, .decimal128):
            return DecimalArithmetic.apply(operation, lhs, rhs)
        case (.int32(let a), .int32(let b)):
            let (result, overflow) = operation == .add ? a.addingReportingOverflow(b) : a.multipliedReportingOverflow(by: b)
            if !overflow { return .int32(result) }
            return int64(operation, Int64(a), Int64(b))
        default:
            if case .double = lhs { return double(operation, lhs, rhs) }
            if case .double = rhs { return double(operation, lhs, rhs) }
            guard let a = lhs.integerValue, let b = rhs.integerValue else { return nil }
            return int64(operation, a, b)
        }
    }

    private static func int64(_ operation: Operation, _ a: Int64, _ b: Int64) -> BSONValue? {
        let (result, overflow) = operation == .add ? a.addingReportingOverflow(b) : a.multipliedReportingOverflow(by: b)
        return overflow ? nil : .int64(result)
    }

    private static func double(_ operation: Operation, _ lhs: BSONValue, _ rhs: BSONValue) -> BSONValue? {
        guard let a = lhs.doubleValue, let b = rhs.doubleValue else { return nil }
        return .double(operation == .add ? a + b : a * b)
    }

    /// `$bit` on integers: int32 with int32 stays int32, anything with int64 is int64.
    static func bitwise(_ operation: BitwiseOperation, _ value: BSONValue) -> BSONValue? {
        let operand: BSONValue
        switch operation {
        case .and(let v), .or(let v), .xor(let v): operand = v
        }
        func combine<T: FixedWidthInteger>(_ a: T, _ b: T) -> T {
            switch operation {
            case .and: a & b
            case .or: a | b
            case .xor: a ^ b
            }
        }
        switch (value, operand) {
        case (.int32(let a), .int32(let b)): return .int32(combine(a, b))
        case (.int32, .int64), (.int64, .int32), (.int64, .int64):
            guard let a = value.integerValue, let b = operand.integerValue else { return nil }
            return .int64(combine(a, b))
        default: return nil
        }
    }

    /// How mongod names a number in an arithmetic error: `(NumberLong)9223372036854775807`.
    static func debugString(_ value: BSONValue) -> String {
        switch value {
        case .int32(let v): "(NumberInt)\(v)"
        case .int64(let v): "(NumberLong)\(v)"
        case .double(let d): "(NumberDouble)\(d)"
        case .decimal128(let d): "(NumberDecimal)\(d)"
        default: ShellFormat.describe(value)
        }
    }
}
