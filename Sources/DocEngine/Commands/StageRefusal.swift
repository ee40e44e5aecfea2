import BSON
import EngineQuery

/// Aggregation stages MongoDB has that need a deployment this engine is not, refused with mongod's own
/// answer. See docs/engine-refusals.md.
enum StageRefusal {
    static func check(_ pipeline: [Document]) throws(EngineError) {
        // A standalone mongod has no oplog to follow, and says so.
        if pipeline.contains(where: { $0.hasKey("$changeStream") }) {
            throw EngineError(.changeStreamNotSupported, "The $changeStream stage is only supported on replica sets")
        }
    }
}
