import BSON

/// Aggregation truthiness: false, null, undefined, missing and numeric zero are false; all else is true.
enum Truth {
    static func isTrue(_ value: BSONValue?) -> Bool {
        switch value {
        case nil, .null?, .undefined?: false
        case .bool(let b)?: b
        case .int32(let v)?: v != 0
        case .int64(let v)?: v != 0
        case .double(let v)?: v != 0
        case .decimal128(let d)?: DecimalMath.isZero(d) == false
        default: true
        }
    }
}
