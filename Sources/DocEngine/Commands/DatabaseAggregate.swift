import BSON
import EngineQuery

/// `{aggregate: 1}`: a pipeline over no collection, which must start with a stage that produces its own
/// documents: `$listLocalSessions` (the sessions clients used on this engine) or `$documents`.
enum DatabaseAggregate {
    static func isDatabaseLevel(_ body: Document) -> Bool {
        body["aggregate"].map { $0.isNumber && $0.doubleValue == 1 } ?? false
    }

    static func run(_ context: CommandContext, pipeline: [Document], batchSize: Int?) async throws -> Document {
        let namespace = CollectionNamespace(database: context.database, collection: "$cmd.aggregate")
        guard let first = pipeline.first, let name = first.keys.first else {
            throw EngineError(.invalidNamespace, "{aggregate: 1} is not valid for an empty pipeline.")
        }
        let source: [Document]
        switch (name, first[name]) {
        case ("$listLocalSessions", .document(let spec)?):
            source = try sessions(spec, context)
        case ("$documents", let value?):
            source = try documents(value)
        default:
            throw EngineError(.invalidNamespace, "{aggregate: 1} is not valid for '\(name)'; a collection is required.")
        }
        var run = PipelineRun(try PipelineStage.parsePipeline(Array(pipeline.dropFirst())))
        for document in source where try !run.push(document) { break }
        return try CursorReply.buffered(try run.finish(), batchSize: batchSize, cursorNamespace: namespace, context: context)
    }

    /// No client authenticates, so every session belongs to the one unauthenticated user: `{}` and
    /// `{allUsers: true}` list them all, `{users: [...]}` lists those of the named users (none).
    private static func sessions(_ spec: Document, _ context: CommandContext) throws(EngineError) -> [Document] {
        for key in spec.keys where key != "allUsers" && key != "users" {
            throw EngineError(.unknownField, "BSON field '$listLocalSessions.\(key)' is an unknown field.")
        }
        if case .array(let users)? = spec["users"], !users.isEmpty { return [] }
        return context.engine.activity.sessions.list()
    }

    private static func documents(_ value: BSONValue) throws(EngineError) -> [Document] {
        guard case .array(let items) = try Expression(value).evaluate(Document()) ?? .null else {
            throw EngineError(.failedToParse, "error during $documents: the expression must evaluate to an array of documents")
        }
        var documents: [Document] = []
        for item in items {
            guard case .document(let document) = item else {
                throw EngineError(.failedToParse, "error during $documents: every element must be a document, not \(item.typeName)")
            }
            documents.append(document)
        }
        return documents
    }
}
