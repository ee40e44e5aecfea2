import BSON

/// `$slice`, `$reverseArray`, `$first`, `$last`, `$indexOfArray`, `$range`, `$allElementsTrue`,
/// `$anyElementTrue`.
enum ArrayShapeOperators {
    static func apply(_ op: ExpressionOperator, _ operands: [BSONValue?]) throws(EngineError) -> BSONValue? {
        switch op {
        case .slice: return try slice(operands)
        case .reverseArray:
            guard let value = Arithmetic.present(operands[0]) else { return .null }
            guard case .array(let items) = value else {
                throw EngineError(.reverseArrayNotArray, "The argument to $reverseArray must be an array, but was of type: \(value.typeName)")
            }
            return .array(items.reversed())
        case .first, .last:
            guard let value = Arithmetic.present(operands[0]) else { return .null }
            guard case .array(let items) = value else {
                throw EngineError(.arrayElemAtNotArray, "\(op.rawValue)'s argument must be an array, but is \(value.typeName)")
            }
            return op == .first ? items.first : items.last
        case .indexOfArray: return try indexOf(operands)
        case .range: return try range(operands)
        default:
            guard case .array(let items)? = operands[0] else {
                let code: MongoErrorCode = op == .allElementsTrue ? .allElementsTrueNotArray : .anyElementTrueNotArray
                throw EngineError(code, "\(op.rawValue)'s argument must be an array, but is \(kind(operands[0]))")
            }
            return .bool(op == .allElementsTrue ? items.allSatisfy { Truth.isTrue($0) } : items.contains { Truth.isTrue($0) })
        }
    }

    private static func kind(_ value: BSONValue?) -> String { value?.typeName ?? "missing" }

    private static func shown(_ value: BSONValue?) -> String { value.map { "\($0)" } ?? "missing" }

    /// A 32-bit integral number, or one of the two errors.
    private static func int32(_ value: BSONValue?, notNumber: EngineError, notInteger: EngineError) throws(EngineError) -> Int {
        guard let value, value.isNumber else { throw notNumber }
        guard let n = value.integerValue.flatMap({ Int32(exactly: $0) }) else { throw notInteger }
        return Int(n)
    }

    private static func slice(_ operands: [BSONValue?]) throws(EngineError) -> BSONValue? {
        guard operands.allSatisfy({ Arithmetic.present($0) != nil }) else { return .null }
        guard case .array(let items)? = operands[0] else {
            throw EngineError(.sliceNotArray, "First argument to $slice must be an array, but is of type: \(kind(operands[0]))")
        }
        let second = try int32(operands[1],
            notNumber: EngineError(.sliceSecondNotNumber, "Second argument to $slice must be a numeric value, but is of type: \(kind(operands[1]))"),
            notInteger: EngineError(.sliceSecondNotInteger, "Second argument to $slice can't be represented as a 32-bit integer: \(shown(operands[1]))"))
        guard operands.count == 3 else {
            return .array(second >= 0 ? Array(items.prefix(second)) : Array(items.suffix(-second)))
        }
        let count = try int32(operands[2],
            notNumber: EngineError(.sliceThirdNotNumber, "Third argument to $slice must be numeric, but is of type: \(kind(operands[2]))"),
            notInteger: EngineError(.sliceThirdNotInteger, "Third argument to $slice can't be represented as a 32-bit integer: \(shown(operands[2]))"))
        guard count > 0 else { throw EngineError(.sliceThirdNotPositive, "Third argument to $slice must be positive: \(count)") }
        let start = second < 0 ? max(0, items.count + second) : min(second, items.count)
        return .array(Array(items[start...].prefix(count)))
    }

    private static func indexOf(_ operands: [BSONValue?]) throws(EngineError) -> BSONValue? {
        guard let value = Arithmetic.present(operands[0]) else { return .null }
        guard case .array(let items) = value else {
            throw EngineError(.indexOfArrayNotArray, "$indexOfArray requires an array as a first argument, found: \(value.typeName)")
        }
        var bounds = [0, items.count]
        for (slot, operand) in operands.dropFirst(2).enumerated() {
            guard let n = operand?.integerValue, operand?.isNumber == true, n >= 0 else {
                throw EngineError(.indexOfArrayBadIndex, "$indexOfArray requires an integral \(slot == 0 ? "starting" : "ending") index that is nonnegative, found: \(shown(operand))")
            }
            bounds[slot] = Int(clamping: n)
        }
        let end = min(bounds[1], items.count)
        guard bounds[0] < end, let needle = operands[1] else { return .int32(-1) }
        let found = items[bounds[0]..<end].firstIndex { BSONOrder.compare($0, needle) == 0 }
        return .int32(Int32(clamping: found ?? -1))
    }

    private static func range(_ operands: [BSONValue?]) throws(EngineError) -> BSONValue {
        let start = try int32(operands[0],
            notNumber: EngineError(.rangeStartNotNumber, "$range requires a numeric starting value, found value of type: \(kind(operands[0]))"),
            notInteger: EngineError(.rangeStartNotInteger, "$range requires a starting value that can be represented as a 32-bit integer, found value: \(shown(operands[0]))"))
        let end = try int32(operands[1],
            notNumber: EngineError(.rangeEndNotNumber, "$range requires a numeric ending value, found value of type: \(kind(operands[1]))"),
            notInteger: EngineError(.rangeEndNotInteger, "$range requires an ending value that can be represented as a 32-bit integer, found value: \(shown(operands[1]))"))
        var step = 1
        if operands.count == 3 {
            step = try int32(operands[2],
                notNumber: EngineError(.rangeStepNotNumber, "$range requires a numeric step value, found value of type: \(kind(operands[2]))"),
                notInteger: EngineError(.rangeStepNotInteger, "$range requires a step value that can be represented as a 32-bit integer, found value: \(shown(operands[2]))"))
            guard step != 0 else { throw EngineError(.rangeZeroStep, "$range requires a non-zero step value") }
        }
        // Bounded like any value: the array must fit in a document.
        let count = step > 0 ? max(0, (end - start + step - 1) / step) : max(0, (start - end - step - 1) / -step)
        guard count <= Document.maximumSize / 8 else {
            throw EngineError(.exceededMemoryLimit, "$range would use too much memory and cannot spill")
        }
        return .array(stride(from: start, to: end, by: step).map { .int32(Int32($0)) })
    }
}
