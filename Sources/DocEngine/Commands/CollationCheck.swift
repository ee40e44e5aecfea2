import BSON
import EngineQuery

/// The engine compares strings by their bytes: MongoDB's "simple" collation. A command given any other
/// collation is refused rather than answered with a different order or different equality than asked.
enum CollationCheck {
    /// Passes for no collation and `{locale: "simple"}`; anything else fails as mongod would or, for a
    /// well-formed collation the engine cannot honour, with NotImplemented (238).
    static func validate(_ value: BSONValue?, field: String = "collation") throws(EngineError) {
        guard let value, value != .null else { return }
        guard case .document(let collation) = value else {
            throw EngineError(.typeMismatch, "BSON field '\(field)' is the wrong type '\(value.typeName)', expected type 'object'")
        }
        guard let locale = collation["locale"] else {
            throw EngineError(.failedToParse, "BSON field 'locale' is missing but a required field")
        }
        guard case .string(let name) = locale else {
            throw EngineError(.typeMismatch, "BSON field 'locale' is the wrong type '\(locale.typeName)', expected type 'string'")
        }
        if name == "simple" {
            // mongod rejects any other option beside the simple locale.
            if collation.count > 1 {
                throw EngineError(.badValue, "If locale is 'simple', no other collation options may be specified")
            }
            return
        }
        throw EngineError(.notImplemented,
            "collation with locale '\(name)' is not supported by this engine; only {locale: \"simple\"} (binary comparison)")
    }
}
