import BSON
@testable import DocEngine
import EngineQuery
import Testing

/// The stages a pipeline-style update may use, applied to one document; the others refused as MongoDB
/// refuses them inside an update.
@Suite struct UpdatePipelineStageTests {
    @Test func appliesReshapingStagesInOrder() throws {
        let stages = try PipelineStage.parseUpdatePipeline([
            ["$set": ["total": ["$add": ["$a", "$b"]], "b": "$$REMOVE"]],
            ["$unset": "tmp"],
            ["$replaceWith": ["doc": "$$ROOT", "n": ["$size": "$tags"]]],
            ["$project": ["_id": 0, "doc.total": 1, "n": 1]],
        ])
        var document: Document = ["_id": 7, "a": 1, "b": 2, "tmp": "x", "tags": ["p", "q"]]
        for stage in stages { document = try stage.applyToSingleDocument(document) }
        #expect(document == ["doc": ["total": 3], "n": 2])
    }

    @Test func refusesStagesAnUpdateCannotHold() {
        #expect(throws: EngineError(.invalidOptions, "$group is not allowed to be used within an update")) {
            try PipelineStage.parseUpdatePipeline([["$group": ["_id": 1]]])
        }
        #expect(throws: EngineError.self) { try PipelineStage.parseUpdatePipeline([["$set": ["a": ["$nope": 1]]]]) }
    }
}
