import BSON
import EngineQuery

/// `$bucket`, parsed into the `$group` (with a `$switch` over the boundaries as `_id`) and `$sort` that
/// MongoDB itself rewrites it to; a value in no bucket without a `default` fails as that `$switch` does.
enum BucketStage {
    static func stages(_ value: BSONValue) throws(EngineError) -> [PipelineStage] {
        guard case .document(let spec) = value else {
            throw EngineError(.bucketNotObject, "Argument to $bucket stage must be an object, but found type: \(value.typeName).")
        }
        for key in spec.keys where !["groupBy", "boundaries", "default", "output"].contains(key) {
            throw EngineError(.bucketUnknownOption, "Unrecognized option to $bucket: \(key).")
        }
        guard let groupBy = spec["groupBy"], let boundariesValue = spec["boundaries"] else {
            throw EngineError(.bucketMissingOption, "$bucket requires 'groupBy' and 'boundaries' to be specified.")
        }
        switch groupBy {
        case .string(let s) where s.hasPrefix("$"): break
        case .document(let d) where d.keys.first?.hasPrefix("$") == true: break
        default:
            throw EngineError(.bucketBadGroupBy, "The $bucket 'groupBy' field must be defined as a $-prefixed path or an expression, but found: \(groupBy).")
        }
        let boundaries = try validatedBoundaries(boundariesValue)
        let fallback = spec["default"]
        if let fallback, let first = boundaries.first, let last = boundaries.last,
           !(BSONOrder.compare(fallback, first) < 0 || BSONOrder.compare(fallback, last) >= 0) {
            throw EngineError(.bucketDefaultInRange, "The $bucket 'default' field must be less than the lowest boundary or greater than or equal to the highest boundary.")
        }
        var output: Document = ["count": ["$sum": 1]]
        if let outputValue = spec["output"] {
            guard case .document(let fields) = outputValue else {
                throw EngineError(.bucketOutputNotObject, "The $bucket 'output' field must be an object, but found type: \(outputValue.typeName).")
            }
            output = fields
        }
        var branches: [BSONValue] = []
        for (lower, upper) in zip(boundaries, boundaries.dropFirst()) {
            let inRange: BSONValue = ["$and": [["$gte": [groupBy, ["$literal": lower]]], ["$lt": [groupBy, ["$literal": upper]]]]]
            branches.append(["case": inRange, "then": ["$literal": lower]])
        }
        var switchSpec: Document = ["branches": .array(branches)]
        if let fallback { switchSpec.append("default", ["$literal": fallback]) }
        var groupSpec: Document = ["_id": ["$switch": .document(switchSpec)]]
        for (field, accumulator) in output.elements { groupSpec.append(field, accumulator) }
        return [.group(try GroupStage(groupSpec)), .sort(try SortSpec(["_id": 1]), limit: nil)]
    }

    /// At least two constants of one type bracket, strictly ascending.
    private static func validatedBoundaries(_ value: BSONValue) throws(EngineError) -> [BSONValue] {
        guard case .array(let boundaries) = value else {
            throw EngineError(.bucketBoundariesNotArray, "The $bucket 'boundaries' field must be an array, but found type: \(value.typeName).")
        }
        guard boundaries.count >= 2 else {
            throw EngineError(.bucketTooFewBoundaries, "The $bucket 'boundaries' field must have at least 2 values, but found \(boundaries.count) value(s).")
        }
        for (index, (lower, upper)) in zip(boundaries, boundaries.dropFirst()).enumerated() {
            if IndexKey.encode(lower).first != IndexKey.encode(upper).first {
                throw EngineError(.bucketMixedBoundaries, "All values in the the 'boundaries' option to $bucket must have the same type. Found conflicting types \(lower.typeName) and \(upper.typeName).")
            }
            if BSONOrder.compare(lower, upper) >= 0 {
                throw EngineError(.bucketBoundariesNotAscending, "The 'boundaries' option to $bucket must be sorted in ascending order, but elements \(index) and \(index + 1) are not in ascending order (\(lower) is not less than \(upper)).")
            }
        }
        return boundaries
    }
}
