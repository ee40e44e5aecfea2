import BSON
import EngineQuery

/// Index kinds and options MongoDB has that the engine does not build, refused before anything is
/// created with CannotCreateIndex (67) and a message naming what is missing. Index types given as key
/// values (`"2dsphere"`, `"hashed"`…) are refused by `KeyPattern`. See docs/engine-refusals.md.
enum IndexRefusal {
    static func check(_ spec: Document) throws(EngineError) {
        if spec.hasKey("expireAfterSeconds") {
            throw EngineError(.cannotCreateIndex, "TTL indexes (expireAfterSeconds) are not supported by this engine: nothing would delete expired documents")
        }
        if spec.hasKey("hidden") {
            throw EngineError(.cannotCreateIndex, "hidden indexes are not supported by this engine")
        }
        if spec.hasKey("wildcardProjection") {
            throw EngineError(.cannotCreateIndex, "wildcard indexes are not supported by this engine")
        }
        if spec.hasKey("sparse"), spec.hasKey("partialFilterExpression") {
            throw EngineError(.cannotCreateIndex, "cannot mix \"partialFilterExpression\" and \"sparse\" options")
        }
        try CollationCheck.validate(spec["collation"], field: "collation")
    }
}
