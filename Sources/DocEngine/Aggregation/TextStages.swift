import EngineQuery

/// `$text` in a pipeline, as MongoDB allows it: only in the leading `$match` (which reads the text index
/// and attaches scores), and `{$meta: "textScore"}` in `$sort`/`$project` only after one.
enum TextStages {
    static func validate(_ stages: [PipelineStage], leadingMatch: Filter) throws(EngineError) {
        for stage in stages {
            switch stage {
            case .match(let filter) where filter.text != nil:
                throw TextScore.notFirstStage
            case .sort(let sort, _) where sort.usesTextScore && leadingMatch.text == nil:
                throw TextScore.unavailable
            case .project(let projection) where projection.usesTextScore && leadingMatch.text == nil:
                throw TextScore.unavailable
            default:
                break
            }
        }
    }
}
