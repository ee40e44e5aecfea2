import BSON

/// What one update operator does at one path, its operand already checked.
enum UpdateLeaf: Sendable {
    case set(BSONValue)
    case unset
    case inc(BSONValue)
    case mul(BSONValue)
    case min(BSONValue)
    case max(BSONValue)
    case setOnInsert(BSONValue)
    case currentDate(asTimestamp: Bool)
    case bit([BitwiseOperation])
    case push(PushClause)
    case addToSet([BSONValue])
    case pull(PullCondition)
    case pullAll([BSONValue])
    case pop(fromFront: Bool)
    /// The destination of a `$rename`; the value comes from `source` when the update runs.
    case renameTarget(source: UpdatePath)
    /// The source of a `$rename`: holds the path so that no other operator touches it.
    case renameSource

    /// The operator's name, for messages.
    var operatorName: String {
        switch self {
        case .set: "$set"
        case .unset: "$unset"
        case .inc: "$inc"
        case .mul: "$mul"
        case .min: "$min"
        case .max: "$max"
        case .setOnInsert: "$setOnInsert"
        case .currentDate: "$currentDate"
        case .bit: "$bit"
        case .push: "$push"
        case .addToSet: "$addToSet"
        case .pull: "$pull"
        case .pullAll: "$pullAll"
        case .pop: "$pop"
        case .renameTarget, .renameSource: "$rename"
        }
    }
}

/// One `and`/`or`/`xor` of a `$bit` update.
enum BitwiseOperation: Sendable {
    case and(BSONValue)
    case or(BSONValue)
    case xor(BSONValue)
}
