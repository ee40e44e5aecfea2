import BSON
import EngineQuery

/// What a pipeline-style update (`update` with an array of stages) needs from the aggregation stages.
extension PipelineStage {
    /// Runs one of the stages a pipeline-style update may use (`$addFields`/`$set`, `$project`, `$unset`,
    /// `$replaceRoot`/`$replaceWith`) on a single document. Other stages are refused as MongoDB refuses
    /// them in an update.
    func applyToSingleDocument(_ document: Document) throws(EngineError) -> Document {
        switch self {
        case .project(let projection): return try projection.apply(document)
        case .replaceRoot(let expression): return try PipelineRun.newRoot(expression, document)
        default:
            throw EngineError(.invalidOptions, "this stage is not allowed to be used within an update")
        }
    }

    /// Parses the stages of a pipeline-style update, refusing any stage an update may not hold.
    static func parseUpdatePipeline(_ stages: [Document]) throws(EngineError) -> [PipelineStage] {
        let allowed: Set<String> = ["$addFields", "$set", "$project", "$unset", "$replaceRoot", "$replaceWith"]
        var parsed: [PipelineStage] = []
        for stage in stages {
            let name = stage.keys.first ?? ""
            guard allowed.contains(name) else {
                throw EngineError(.invalidOptions, "\(name) is not allowed to be used within an update")
            }
            parsed += try parse(stage)
        }
        return parsed
    }
}
