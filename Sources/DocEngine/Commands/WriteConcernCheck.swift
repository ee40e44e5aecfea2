import BSON
import EngineQuery

/// A standalone accepts w: 0, 1 and "majority"; more acknowledgements than one node can give are refused.
/// Every acknowledged write is synced before the reply, so `j` is always satisfied.
enum WriteConcernCheck {
    static func validate(_ fields: CommandFields) throws(EngineError) {
        // Some drivers send `writeConcern: null` for "the default".
        if fields.body["writeConcern"] == .null { return }
        guard let concern = try fields.document("writeConcern") else { return }
        if let w = concern["w"] {
            switch w {
            case .string: break
            default:
                guard let n = w.integerValue, n >= 0 else {
                    throw EngineError(.failedToParse, "w has to be a number or a string")
                }
                if n > 1 { throw EngineError(.badValue, "cannot use 'w' > 1 with a standalone") }
            }
        }
    }
}
