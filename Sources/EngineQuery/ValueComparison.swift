import BSON

/// `$eq`, `$gt`, `$gte`, `$lt`, `$lte` against one value, with MongoDB's type bracketing: values of
/// another bracket never match, except that MinKey and MaxKey operands bound everything and a null
/// operand equals null, undefined and a missing field. NaN equals NaN but is neither above nor below
/// anything.
struct ValueComparison: Sendable {
    enum Operator: Sendable { case eq, gt, gte, lt, lte }

    let op: Operator
    let operand: BSONValue
    private let bracket: TypeBracket
    private let operandIsNaN: Bool

    init(_ op: Operator, _ operand: BSONValue) {
        self.op = op
        self.operand = operand
        bracket = TypeBracket(operand)
        operandIsNaN = Self.isNaN(operand)
    }

    func matches(_ element: BSONValue?) -> Bool {
        let value = element ?? .null
        if TypeBracket(value) != bracket {
            switch operand {
            case .maxKey: return op == .lt || op == .lte
            case .minKey: return op == .gt || op == .gte
            default: return false
            }
        }
        if op != .eq {
            let valueIsNaN = Self.isNaN(value)
            if valueIsNaN || operandIsNaN {
                return (op == .gte || op == .lte) && valueIsNaN && operandIsNaN
            }
        }
        let order = BSONOrder.compare(value, operand)
        switch op {
        case .eq: return order == 0
        case .gt: return order > 0
        case .gte: return order >= 0
        case .lt: return order < 0
        case .lte: return order <= 0
        }
    }

    static func isNaN(_ value: BSONValue) -> Bool {
        switch value {
        case .double(let d): return d.isNaN
        case .decimal128(let d): return d.approximateDouble.isNaN
        default: return false
        }
    }
}
