import BSON

/// The operators whose operands are all evaluated up front and then combined. Operators with named
/// arguments or their own scoping (`$cond`, `$map`, `$let`, …) are nodes of their own in `Expression.Node`.
enum ExpressionOperator: String, Sendable, CaseIterable {
    case literal = "$literal"
    case add = "$add", subtract = "$subtract", multiply = "$multiply", divide = "$divide", mod = "$mod"
    case abs = "$abs", ceil = "$ceil", floor = "$floor", round = "$round", trunc = "$trunc"
    case eq = "$eq", ne = "$ne", gt = "$gt", gte = "$gte", lt = "$lt", lte = "$lte", cmp = "$cmp"
    case not = "$not"
    case concat = "$concat", toLower = "$toLower", toUpper = "$toUpper", substrCP = "$substrCP"
    case strLenCP = "$strLenCP", split = "$split"
    case size = "$size", arrayElemAt = "$arrayElemAt", `in` = "$in", concatArrays = "$concatArrays"
    case isArray = "$isArray"
    case toString = "$toString", toInt = "$toInt", toLong = "$toLong", toDouble = "$toDouble"
    case toDecimal = "$toDecimal", toBool = "$toBool", toObjectId = "$toObjectId", toDate = "$toDate"
    case type = "$type"
    case mergeObjects = "$mergeObjects", objectToArray = "$objectToArray", arrayToObject = "$arrayToObject"
    case slice = "$slice", reverseArray = "$reverseArray", first = "$first", last = "$last"
    case indexOfArray = "$indexOfArray", range = "$range", allElementsTrue = "$allElementsTrue"
    case anyElementTrue = "$anyElementTrue"
    case setUnion = "$setUnion", setIntersection = "$setIntersection", setDifference = "$setDifference"
    case setEquals = "$setEquals", setIsSubset = "$setIsSubset"
    case sum = "$sum", avg = "$avg", min = "$min", max = "$max"
    case pow = "$pow", sqrt = "$sqrt", exp = "$exp", ln = "$ln", log = "$log", log10 = "$log10"
    case strcasecmp = "$strcasecmp"

    /// How many operands the operator takes: an exact count, a range, or any number.
    var arity: ClosedRange<Int> {
        switch self {
        case .add, .multiply, .concat, .concatArrays, .mergeObjects, .setUnion, .setIntersection, .sum, .avg, .min, .max:
            0...Int.max
        case .subtract, .divide, .mod, .eq, .ne, .gt, .gte, .lt, .lte, .cmp, .split, .arrayElemAt, .in, .setDifference,
             .setIsSubset, .pow, .log, .strcasecmp:
            2...2
        case .setEquals: 2...Int.max
        case .round, .trunc: 1...2
        case .slice, .range: 2...3
        case .indexOfArray: 2...4
        case .substrCP: 3...3
        default: 1...1
        }
    }

    func apply(_ operands: [BSONValue?]) throws(EngineError) -> BSONValue? {
        switch self {
        case .literal: return operands[0]
        case .add: return try Arithmetic.add(operands)
        case .subtract: return try Arithmetic.subtract(operands[0], operands[1])
        case .multiply: return try Arithmetic.multiply(operands)
        case .divide: return try Arithmetic.divide(operands[0], operands[1])
        case .mod: return try Arithmetic.mod(operands[0], operands[1])
        case .abs, .ceil, .floor: return try Arithmetic.unary(self, operands[0])
        case .round, .trunc: return try Arithmetic.round(self, operands[0], place: operands.count > 1 ? operands[1] : nil)
        case .eq, .ne, .gt, .gte, .lt, .lte, .cmp: return compare(operands[0], operands[1])
        case .not: return .bool(!Truth.isTrue(operands[0]))
        case .concat, .toLower, .toUpper, .substrCP, .strLenCP, .split:
            return try StringOperators.apply(self, operands)
        case .size, .arrayElemAt, .in, .concatArrays, .isArray:
            return try ArrayOperators.apply(self, operands)
        case .toString, .toInt, .toLong, .toDouble, .toDecimal, .toBool, .toObjectId, .toDate:
            return try TypeConversion.convert(operands[0], to: conversionTarget, onError: nil, onNull: nil)
        case .type:
            return .string(operands[0].map(TypeConversion.typeAlias) ?? "missing")
        case .mergeObjects: return try ObjectOperators.mergeObjects(operands)
        case .objectToArray: return try ObjectOperators.objectToArray(operands[0])
        case .arrayToObject: return try ObjectOperators.arrayToObject(operands[0])
        case .slice, .reverseArray, .first, .last, .indexOfArray, .range, .allElementsTrue, .anyElementTrue:
            return try ArrayShapeOperators.apply(self, operands)
        case .setUnion, .setIntersection, .setDifference, .setEquals, .setIsSubset:
            return try SetOperators.apply(self, operands)
        case .sum, .avg, .min, .max, .pow, .sqrt, .exp, .ln, .log, .log10:
            return try MathOperators.apply(self, operands)
        case .strcasecmp:
            return try StringOperators.apply(self, operands)
        }
    }

    private var conversionTarget: TypeConversion.Target {
        switch self {
        case .toInt: .int
        case .toLong: .long
        case .toDouble: .double
        case .toDecimal: .decimal
        case .toBool: .bool
        case .toObjectId: .objectId
        case .toDate: .date
        default: .string
        }
    }

    /// Comparison operators order every value in BSON order (types compare by bracket); missing sorts
    /// below everything, so `{$eq: ["$nope", null]}` is false, as in MongoDB.
    private func compare(_ a: BSONValue?, _ b: BSONValue?) -> BSONValue {
        let order: Int
        switch (a, b) {
        case (nil, nil): order = 0
        case (nil, _): order = -1
        case (_, nil): order = 1
        case (let x?, let y?): order = BSONOrder.compare(x, y)
        }
        switch self {
        case .eq: return .bool(order == 0)
        case .ne: return .bool(order != 0)
        case .gt: return .bool(order > 0)
        case .gte: return .bool(order >= 0)
        case .lt: return .bool(order < 0)
        case .lte: return .bool(order <= 0)
        default: return .int32(Int32(order))
        }
    }
}
