import BSON

/// A parsed query filter. The storage layer's planner reads it to pick index bounds; `Filter`
/// evaluates it.
public indirect enum FilterNode: Sendable {
    case and([FilterNode])
    case or([FilterNode])
    case nor([FilterNode])
    /// A condition on the values a dotted path reaches (see `Filter` for how paths fan out).
    case field(path: String, FieldPredicate)
    /// `$expr`: an aggregation expression over the whole document, true when its value is truthy. No
    /// index narrows it; the planner leaves it to the residual match.
    case expr(Expression)
    /// `$text`: answered by the collection's text index (see `TextMatcher`), not by matching alone.
    case text(TextQuery)
    case alwaysTrue
}

/// A condition on one path. Negations (`ne`, `nin`, `not`, `exists(false)`) hold when their positive
/// form fails for every value the path reaches, so `{a: {$ne: null}}` excludes documents without `a`.
public indirect enum FieldPredicate: Sendable {
    case eq(BSONValue)
    case ne(BSONValue)
    case gt(BSONValue)
    case gte(BSONValue)
    case lt(BSONValue)
    case lte(BSONValue)
    /// Regex values in the list match as regular expressions, the others by equality.
    case `in`([BSONValue])
    case nin([BSONValue])
    case exists(Bool)
    case not(FieldPredicate)
    /// Every predicate holds, each on its own (`{$gt: 1, $lt: 5}` holds for `[0, 10]`).
    case and([FieldPredicate])
    case regex(pattern: String, options: String)
    case type([BSONTypeSelector])
    case size(Int)
    /// `$all` of plain values (regex values match as regular expressions).
    case all([BSONValue])
    /// `$elemMatch` with a query on each array element as a document.
    case elemMatchObject(FilterNode)
    /// `$elemMatch` with operators applied to each array element itself.
    case elemMatchValue([FieldPredicate])
    case mod(divisor: Int64, remainder: Int64)
}

/// One `$type` operand: a BSON type code or the "number" alias.
public enum BSONTypeSelector: Sendable, Hashable {
    case code(Int32)
    case number

    /// True when `value` has this type.
    func matches(_ value: BSONValue) -> Bool {
        switch self {
        case .number: return value.isNumber
        case .code(let code): return Self.typeCode(of: value) == code
        }
    }

    static func typeCode(of value: BSONValue) -> Int32 {
        switch value {
        case .double: 1
        case .string: 2
        case .document: 3
        case .array: 4
        case .binary: 5
        case .undefined: 6
        case .objectId: 7
        case .bool: 8
        case .datetime: 9
        case .null: 10
        case .regex: 11
        case .int32: 16
        case .timestamp: 17
        case .int64: 18
        case .decimal128: 19
        case .minKey: -1
        case .maxKey: 127
        }
    }

    /// MongoDB's `$type` aliases.
    static let aliases: [String: BSONTypeSelector] = [
        "double": .code(1), "string": .code(2), "object": .code(3), "array": .code(4),
        "binData": .code(5), "undefined": .code(6), "objectId": .code(7), "bool": .code(8),
        "date": .code(9), "null": .code(10), "regex": .code(11), "dbPointer": .code(12),
        "javascript": .code(13), "symbol": .code(14), "javascriptWithScope": .code(15),
        "int": .code(16), "timestamp": .code(17), "long": .code(18), "decimal": .code(19),
        "minKey": .code(-1), "maxKey": .code(127), "number": .number,
    ]

    static let validCodes: Set<Int32> = [-1, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 127]
}
