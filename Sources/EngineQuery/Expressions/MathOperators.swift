import BSON
import Foundation

/// `$pow`, `$sqrt`, `$exp`, `$ln`, `$log`, `$log10`, and the list forms of `$sum`, `$avg`, `$min`, `$max`.
enum MathOperators {
    static func apply(_ op: ExpressionOperator, _ operands: [BSONValue?]) throws(EngineError) -> BSONValue? {
        switch op {
        case .sum, .avg, .min, .max: return try listAggregate(op, operands)
        case .pow: return try pow(operands[0], operands[1])
        case .log: return try log(operands[0], base: operands[1])
        default: return try unary(op, operands[0])
        }
    }

    /// One array operand stands for its elements; otherwise the operands themselves are the values.
    private static func values(_ operands: [BSONValue?]) -> [BSONValue] {
        if operands.count == 1, case .array(let items)? = operands[0] { return items }
        return operands.compactMap { $0 }
    }

    private static func listAggregate(_ op: ExpressionOperator, _ operands: [BSONValue?]) throws(EngineError) -> BSONValue? {
        let items = values(operands)
        switch op {
        case .min, .max:
            let present = items.filter { Arithmetic.present($0) != nil }
            guard var best = present.first else { return .null }
            for item in present.dropFirst() where (BSONOrder.compare(item, best) < 0) == (op == .min) && BSONOrder.compare(item, best) != 0 {
                best = item
            }
            return best
        default:
            let numbers = items.filter(\.isNumber)
            // $sum and $avg skip non-numbers; $sum of none is 0, $avg of none is null.
            let total = try Arithmetic.add(numbers.map { Optional($0) }) ?? .int32(0)
            guard op == .avg else { return total }
            guard !numbers.isEmpty else { return .null }
            if case .decimal128 = total {
                return try DecimalMath.decimal128(try DecimalMath.decimal(total) / Foundation.Decimal(numbers.count))
            }
            return .double((total.doubleValue ?? .nan) / Double(numbers.count))
        }
    }

    private static func number(_ value: BSONValue) throws(EngineError) -> Double {
        if case .decimal128(let d) = value { return DecimalMath.double(try DecimalMath.decimal(d)) }
        return value.doubleValue ?? .nan
    }

    private static func pow(_ baseValue: BSONValue?, _ exponentValue: BSONValue?) throws(EngineError) -> BSONValue? {
        guard let base = Arithmetic.present(baseValue), let exponent = Arithmetic.present(exponentValue) else { return .null }
        guard base.isNumber else { throw EngineError(.powBaseNotNumeric, "$pow's base must be numeric, not \(base.typeName)") }
        guard exponent.isNumber else { throw EngineError(.powExponentNotNumeric, "$pow's exponent must be numeric, not \(exponent.typeName)") }
        let b = try number(base)
        let e = try number(exponent)
        if b == 0 && e < 0 { throw EngineError(.powZeroNegative, "$pow cannot take a base of 0 and a negative exponent") }
        let isDecimal: Bool = { if case .decimal128 = base { true } else if case .decimal128 = exponent { true } else { false } }()
        if isDecimal { return try DecimalMath.decimal128(try DecimalMath.decimal(.double(Foundation.pow(b, e)))) }
        // Integers raised to non-negative integers stay integers while the result fits.
        if !isDouble(base), !isDouble(exponent), let x = base.integerValue, let n = exponent.integerValue, n >= 0,
           let exact = integerPower(x, n) {
            if case .int32 = base, case .int32 = exponent, let small = Int32(exactly: exact) { return .int32(small) }
            return .int64(exact)
        }
        return .double(Foundation.pow(b, e))
    }

    private static func isDouble(_ value: BSONValue) -> Bool {
        if case .double = value { return true }
        return false
    }

    /// x to the n exactly, or nil when it overflows a long.
    private static func integerPower(_ x: Int64, _ n: Int64) -> Int64? {
        switch x {
        case 0: return n == 0 ? 1 : 0
        case 1: return 1
        case -1: return n % 2 == 0 ? 1 : -1
        default: break
        }
        guard n < 64 else { return nil }
        var result: Int64 = 1
        for _ in 0..<n {
            let (product, overflow) = result.multipliedReportingOverflow(by: x)
            if overflow { return nil }
            result = product
        }
        return result
    }

    private static func unary(_ op: ExpressionOperator, _ operand: BSONValue?) throws(EngineError) -> BSONValue? {
        guard let value = Arithmetic.present(operand) else { return .null }
        guard value.isNumber else {
            throw EngineError(.notNumeric, "\(op.rawValue) only supports numeric types, not \(value.typeName)")
        }
        let x = try number(value)
        let result: Double
        switch op {
        case .sqrt:
            guard x >= 0 || x.isNaN else { throw EngineError(.sqrtNegative, "$sqrt's argument must be greater than or equal to 0") }
            result = x.squareRoot()
        case .exp:
            result = Foundation.exp(x)
        case .ln:
            guard x > 0 || x.isNaN else { throw EngineError(.lnNotPositive, "$ln's argument must be a positive number, but is \(value)") }
            result = Foundation.log(x)
        default:
            guard x > 0 || x.isNaN else { throw EngineError(.log10NotPositive, "$log10's argument must be a positive number, but is \(value)") }
            result = Foundation.log10(x)
        }
        if case .decimal128 = value { return try DecimalMath.decimal128(try DecimalMath.decimal(.double(result))) }
        return .double(result)
    }

    private static func log(_ operand: BSONValue?, base baseValue: BSONValue?) throws(EngineError) -> BSONValue? {
        guard let value = Arithmetic.present(operand), let base = Arithmetic.present(baseValue) else { return .null }
        guard value.isNumber else { throw EngineError(.logArgumentNotNumeric, "$log's argument must be numeric, not \(value.typeName)") }
        guard base.isNumber else { throw EngineError(.logBaseNotNumeric, "$log's base must be numeric, not \(base.typeName)") }
        let x = try number(value)
        let b = try number(base)
        guard x > 0 || x.isNaN else { throw EngineError(.logArgumentNotPositive, "$log's argument must be a positive number, but is \(value)") }
        guard (b > 0 && b != 1) || b.isNaN else {
            throw EngineError(.logBaseInvalid, "$log's base must be a positive number not equal to 1, but is \(base)")
        }
        return .double(Foundation.log(x) / Foundation.log(b))
    }
}
