import BSON

/// `$inc` and `$mul` when either side is a decimal128: both sides as decimals, the exact sum or
/// product rounded once into decimal128 (IEEE 754 rules, round half to even).
enum DecimalArithmetic {
    static func apply(_ operation: NumericArithmetic.Operation, _ lhs: BSONValue, _ rhs: BSONValue) -> BSONValue? {
        guard let a = DecimalValue(lhs), let b = DecimalValue(rhs) else { return nil }
        let result = operation == .add ? add(a, b) : multiply(a, b)
        return .decimal128(result.encoded())
    }

    static func add(_ a: DecimalValue, _ b: DecimalValue) -> DecimalValue {
        if a.kind == .nan || b.kind == .nan { return nan }
        if a.kind == .infinity || b.kind == .infinity {
            if a.kind == .infinity, b.kind == .infinity, a.negative != b.negative { return nan }
            return a.kind == .infinity ? a : b
        }
        // Align on the smaller exponent; the sum is then exact.
        let exponent = min(a.exponent, b.exponent)
        let x = a.digits.isEmpty ? [] : a.digits + Array(repeating: 0, count: a.exponent - exponent)
        let y = b.digits.isEmpty ? [] : b.digits + Array(repeating: 0, count: b.exponent - exponent)
        if a.negative == b.negative {
            return DecimalValue(negative: a.negative, digits: DecimalDigits.add(x, y), exponent: exponent)
        }
        switch DecimalDigits.compare(x, y) {
        case 0:
            // An exact zero from opposite signs is +0 (-0 only when both were -0, handled above).
            return DecimalValue(negative: false, digits: [], exponent: exponent)
        case 1:
            return DecimalValue(negative: a.negative, digits: DecimalDigits.subtract(x, y), exponent: exponent)
        default:
            return DecimalValue(negative: b.negative, digits: DecimalDigits.subtract(y, x), exponent: exponent)
        }
    }

    static func multiply(_ a: DecimalValue, _ b: DecimalValue) -> DecimalValue {
        let negative = a.negative != b.negative
        if a.kind == .nan || b.kind == .nan { return nan }
        if a.kind == .infinity || b.kind == .infinity {
            if a.isZero || b.isZero { return nan }
            return DecimalValue(kind: .infinity, negative: negative, digits: [], exponent: 0)
        }
        return DecimalValue(
            negative: negative, digits: DecimalDigits.multiply(a.digits, b.digits), exponent: a.exponent + b.exponent)
    }

    private static let nan = DecimalValue(kind: .nan, negative: false, digits: [], exponent: 0)
}
