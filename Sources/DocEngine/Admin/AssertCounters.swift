import BSON
import EngineQuery

/// serverStatus's `asserts`: error replies counted as mongod counts them, internal errors as `regular`
/// and every other refused request as `user`. The engine raises no warnings, messages or tripwires.
struct AssertCounters: Sendable {
    var regular: Int64 = 0
    var user: Int64 = 0

    mutating func record(errorCode: Int64) {
        if errorCode == Int64(MongoErrorCode.internalError.rawValue) { regular += 1 } else { user += 1 }
    }

    var document: Document {
        ["regular": .int64(regular), "warning": 0, "msg": 0, "user": .int64(user), "tripwire": 0, "rollovers": 0]
    }
}
