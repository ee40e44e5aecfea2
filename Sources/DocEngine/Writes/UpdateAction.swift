import BSON
import EngineQuery

/// What an update statement does to a document: update operators or a replacement (`UpdateSpec`), or an
/// aggregation pipeline of `$set`/`$unset`/`$project`/`$replaceRoot`… stages run on the one document.
enum UpdateAction: Sendable {
    case modifiers(UpdateSpec)
    case pipeline([PipelineStage])

    init(_ value: BSONValue, arrayFilters: [Document]?) throws(EngineError) {
        switch value {
        case .document(let document):
            self = .modifiers(try UpdateSpec(document, arrayFilters: arrayFilters))
        case .array(let items):
            guard arrayFilters == nil else {
                throw EngineError(.failedToParse, "arrayFilters may not be specified for pipeline-style updates")
            }
            var stages: [Document] = []
            for item in items {
                guard case .document(let stage) = item else {
                    throw EngineError(.typeMismatch, "Each element of the 'pipeline' array must be an object")
                }
                stages.append(stage)
            }
            self = .pipeline(try PipelineStage.parseUpdatePipeline(stages))
        default:
            throw EngineError(.failedToParse, "Update argument must be either an object or an array")
        }
    }

    var isReplacement: Bool {
        switch self {
        case .modifiers(let spec): spec.isReplacement
        case .pipeline: false
        }
    }

    func apply(to document: Document, matchedArrayIndex: Int?, context: UpdateContext) throws(EngineError) -> Document {
        switch self {
        case .modifiers(let spec):
            return try spec.apply(to: document, matchedArrayIndex: matchedArrayIndex, context: context)
        case .pipeline(let stages):
            var result = document
            for stage in stages { result = try stage.applyToSingleDocument(result) }
            // A stage that drops `_id` (`$project`, `$replaceWith`) does not remove it from the stored
            // document: it stays, first, as in a replacement.
            if result["_id"] == nil, let id = document["_id"] {
                result = Document([("_id", id)] + result.elements.map { ($0.key, $0.value) })
            }
            return result
        }
    }

    func upsertDocument(query: Document, context: UpdateContext) throws(EngineError) -> Document {
        switch self {
        case .modifiers(let spec):
            return try spec.upsertDocument(query: query, context: context)
        case .pipeline:
            return try apply(to: try UpsertSeed.seed(forQuery: query), matchedArrayIndex: nil, context: context)
        }
    }
}
