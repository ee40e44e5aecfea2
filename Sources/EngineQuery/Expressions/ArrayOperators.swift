import BSON

/// `$size`, `$arrayElemAt`, `$in`, `$concatArrays`, `$isArray`.
enum ArrayOperators {
    static func apply(_ op: ExpressionOperator, _ operands: [BSONValue?]) throws(EngineError) -> BSONValue? {
        switch op {
        case .size:
            guard case .array(let items)? = operands[0] else {
                throw EngineError(.sizeNotArray, "The argument to $size must be an array. Type of argument is \(typeName(operands[0]))")
            }
            return .int32(Int32(clamping: items.count))
        case .arrayElemAt:
            return try elementAt(operands[0], operands[1])
        case .in:
            guard case .array(let items)? = operands[1] else {
                throw EngineError(.inNotArray, "$in requires an array as a second argument, found: \(typeName(operands[1]))")
            }
            guard let needle = operands[0] else { return .bool(false) }
            return .bool(items.contains { BSONOrder.compare($0, needle) == 0 })
        case .concatArrays:
            var out: [BSONValue] = []
            for operand in operands {
                guard let value = Arithmetic.present(operand) else { return .null }
                guard case .array(let items) = value else {
                    throw EngineError(.concatArraysNotArray, "$concatArrays only supports arrays, not \(value.typeName)")
                }
                out += items
            }
            return .array(out)
        default:
            if case .array? = operands[0] { return .bool(true) }
            return .bool(false)
        }
    }

    private static func typeName(_ value: BSONValue?) -> String {
        value.map(TypeConversion.typeAlias) ?? "missing"
    }

    /// A negative index counts from the end; an index past either end yields missing.
    private static func elementAt(_ array: BSONValue?, _ index: BSONValue?) throws(EngineError) -> BSONValue? {
        guard let array = Arithmetic.present(array), let index = Arithmetic.present(index) else { return .null }
        guard case .array(let items) = array else {
            throw EngineError(.arrayElemAtNotArray, "$arrayElemAt's first argument must be an array, but is \(array.typeName)")
        }
        guard index.isNumber else {
            throw EngineError(.arrayElemAtIndexNotNumber, "$arrayElemAt's second argument must be a numeric value, but is \(index.typeName)")
        }
        guard let position = index.integerValue.flatMap({ Int32(exactly: $0) }) else {
            throw EngineError(.arrayElemAtIndexNotInteger, "$arrayElemAt's second argument must be representable as a 32-bit integer: \(index)")
        }
        let offset = position < 0 ? items.count + Int(position) : Int(position)
        return items.indices.contains(offset) ? items[offset] : nil
    }
}
