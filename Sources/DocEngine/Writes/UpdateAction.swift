import BSON
import EngineQuery

/// What an update statement does to a document: update operators or a replacement (`UpdateSpec`), or an
/// aggregation pipeline of `$set`/`$unset`/`$project`/`$replaceRoot`… stages run on the one document.
enum UpdateAction: Sendable {
    case modifiers(UpdateSpec)

    init(_ value: BSONValue, arrayFilters: [Document]?) throws(EngineError) {
        switch value {
        case .document(let document):
            self = .modifiers(try UpdateSpec(document, arrayFilters: arrayFilters))
        case .array:
            throw EngineError(.failedToParse, "pipeline-style updates are not supported yet")
        default:
            throw EngineError(.failedToParse, "Update argument must be either an object or an array")
        }
    }

    var isReplacement: Bool {
        switch self {
        case .modifiers(let spec): spec.isReplacement
        }
    }

    func apply(to document: Document, matchedArrayIndex: Int?, context: UpdateContext) throws(EngineError) -> Document {
        switch self {
        case .modifiers(let spec): try spec.apply(to: document, matchedArrayIndex: matchedArrayIndex, context: context)
        }
    }

    func upsertDocument(query: Document, context: UpdateContext) throws(EngineError) -> Document {
        switch self {
        case .modifiers(let spec): try spec.upsertDocument(query: query, context: context)
        }
    }
}
