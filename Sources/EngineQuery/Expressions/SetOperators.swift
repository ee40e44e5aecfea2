import BSON

/// `$setUnion`, `$setIntersection`, `$setDifference`, `$setEquals`, `$setIsSubset`: arrays as sets under
/// BSON equality (1 and 1.0 are one member). Results keep first-appearance order.
enum SetOperators {
    private struct Members {
        var order: [BSONValue] = []
        var keys: Set<[UInt8]> = []

        init(_ items: [BSONValue] = []) { for item in items { insert(item) } }

        mutating func insert(_ value: BSONValue) {
            if keys.insert(IndexKey.encode(value)).inserted { order.append(value) }
        }

        func contains(_ value: BSONValue) -> Bool { keys.contains(IndexKey.encode(value)) }
    }

    static func apply(_ op: ExpressionOperator, _ operands: [BSONValue?]) throws(EngineError) -> BSONValue? {
        switch op {
        case .setUnion, .setIntersection:
            var arrays: [[BSONValue]] = []
            for operand in operands {
                guard let value = Arithmetic.present(operand) else { return .null }
                guard case .array(let items) = value else {
                    let code: MongoErrorCode = op == .setUnion ? .setUnionNotArray : .setIntersectionNotArray
                    throw EngineError(code, "All operands of \(op.rawValue) must be arrays. One argument is of type: \(value.typeName)")
                }
                arrays.append(items)
            }
            if op == .setUnion { return .array(Members(arrays.flatMap { $0 }).order) }
            guard let first = arrays.first else { return .array([]) }
            let rest = arrays.dropFirst().map { Members($0) }
            return .array(Members(first).order.filter { item in rest.allSatisfy { $0.contains(item) } })
        case .setDifference:
            guard let a = Arithmetic.present(operands[0]), let b = Arithmetic.present(operands[1]) else { return .null }
            guard case .array(let left) = a else {
                throw EngineError(.setDifferenceFirstNotArray, "both operands of $setDifference must be arrays. First argument is of type: \(a.typeName)")
            }
            guard case .array(let right) = b else {
                throw EngineError(.setDifferenceSecondNotArray, "both operands of $setDifference must be arrays. Second argument is of type: \(b.typeName)")
            }
            let excluded = Members(right)
            return .array(Members(left).order.filter { !excluded.contains($0) })
        case .setEquals:
            var sets: [Set<[UInt8]>] = []
            for operand in operands {
                guard case .array(let items)? = operand else {
                    throw EngineError(.setEqualsNotArray, "All operands of $setEquals must be arrays. One argument is of type: \(operand?.typeName ?? "missing")")
                }
                sets.append(Members(items).keys)
            }
            return .bool(sets.dropFirst().allSatisfy { $0 == sets[0] })
        default:
            guard case .array(let left)? = operands[0] else {
                throw EngineError(.setIsSubsetFirstNotArray, "both operands of $setIsSubset must be arrays. First argument is of type: \(operands[0]?.typeName ?? "missing")")
            }
            guard case .array(let right)? = operands[1] else {
                throw EngineError(.setIsSubsetSecondNotArray, "both operands of $setIsSubset must be arrays. Second argument is of type: \(operands[1]?.typeName ?? "missing")")
            }
            return .bool(Members(left).keys.isSubset(of: Members(right).keys))
        }
    }
}
