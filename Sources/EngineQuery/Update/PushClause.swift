import BSON

/// A parsed `$push` argument: the values to add and the optional `$position`, `$sort` and `$slice`.
struct PushClause: Sendable {
    var values: [BSONValue]
    var position: Int64?
    var sort: PushSort?
    var slice: Int64?

    private static let clauses: Set<String> = ["$each", "$slice", "$sort", "$position"]

    init(_ argument: BSONValue) throws(EngineError) {
        // Only a document holding `$each` is the modifier form; any other value is pushed as is.
        guard case .document(let spec) = argument, spec.hasKey("$each") else {
            values = [argument]
            return
        }
        var seen: Set<String> = []
        for key in spec.keys {
            guard Self.clauses.contains(key) else {
                throw EngineError(.badValue, "Unrecognized clause in $push: \(key)")
            }
            guard seen.insert(key).inserted else { throw EngineError(.badValue, "Only one \(key) is supported.") }
        }
        guard case .array(let each)? = spec["$each"] else {
            let type = spec["$each"]?.typeName ?? "missing"
            throw EngineError(.badValue, "The argument to $each in $push must be an array but it was of type: \(type)")
        }
        values = each
        if let slice = spec["$slice"] {
            guard let n = Self.integer(slice) else {
                throw EngineError(
                    .badValue, "The value for $slice must be an integer value but was given type: \(slice.typeName)")
            }
            self.slice = n
        }
        if let sort = spec["$sort"] { self.sort = try PushSort(sort) }
        if let position = spec["$position"] {
            guard let n = Self.integer(position) else {
                throw EngineError(
                    .badValue, "The value for $position must be an integer value, not of type: \(position.typeName)")
            }
            self.position = n
        }
    }

    /// Whole numbers of any numeric type, as MongoDB accepts for `$slice` and `$position`.
    private static func integer(_ value: BSONValue) -> Int64? {
        switch value {
        case .int32, .int64: return value.integerValue
        case .double(let d): return d.isFinite && d.rounded() == d ? value.integerValue : nil
        case .decimal128(let d):
            let approx = d.approximateDouble
            return approx.isFinite && approx.rounded() == approx ? BSONValue.double(approx).integerValue : nil
        default: return nil
        }
    }

    /// The array after the push: values inserted at the position, then sorted, then sliced.
    func applied(to items: [BSONValue]) -> [BSONValue] {
        var result = items
        let count = Int64(result.count)
        var index = result.count
        if let position, count > 0, position <= count {
            if position >= 0 {
                index = Int(position)
            } else {
                index = -position < count ? Int(count + position) : 0
            }
        }
        result.insert(contentsOf: values, at: index)
        if let sort { result = sort.sorted(result) }
        if let slice {
            let keep = slice == Int64.min ? Int64.max : abs(slice)
            if Int64(result.count) > keep {
                result = slice >= 0 ? Array(result.prefix(Int(keep))) : Array(result.suffix(Int(keep)))
            }
        }
        return result
    }
}
