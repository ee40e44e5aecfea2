import BSON
import EngineQuery

/// `find`: filter, sort, projection, skip, limit, batchSize, singleBatch. Opens a cursor when more
/// results remain.
enum FindCommand {
    struct Parsed {
        let query: FindQuery
        let batchSize: Int?
        let singleBatch: Bool
    }

    static func parse(_ context: CommandContext) throws(EngineError) -> Parsed {
        let namespace = try context.collectionNamespace()
        let fields = context.fields
        let variables = try LetVariables(context.body["let"])
        let filterDocument = variables.filter(try fields.document("filter") ?? Document())
        let filter = try Filter(filterDocument)
        try CollationCheck.validate(context.body["collation"])
        let sort = try fields.document("sort").map { doc throws(EngineError) in try SortSpec(doc) }
        let projection = try fields.document("projection").map { doc throws(EngineError) in
            try Projection(variables.expression(.document(doc)).documentValue ?? doc)
        }
        if filter.text == nil && (projection?.usesTextScore == true || sort?.usesTextScore == true) {
            throw TextScore.unavailable
        }
        let skip = try fields.count("skip") ?? 0
        let limit = try fields.count("limit") ?? 0
        let batchSize = try fields.count("batchSize")
        let singleBatch = try fields.bool("singleBatch") ?? false
        let query = FindQuery(namespace: namespace, filter: filter, sort: (sort?.keys.isEmpty ?? true) ? nil : sort,
                              projection: projection, skip: skip, limit: limit)
        return Parsed(query: query, batchSize: batchSize, singleBatch: singleBatch)
    }

    @Sendable static func run(_ context: CommandContext) async throws -> Document {
        let parsed = try parse(context)
        let query = parsed.query
        let batchSize = parsed.singleBatch && parsed.batchSize == nil ? (query.limit > 0 ? query.limit : Int.max) : parsed.batchSize
        let batch = try await context.engine.store.read { connection, catalog in
            try QueryRunner.firstBatch(query, batchSize: batchSize, connection: connection, catalog: catalog)
        }
        var id: Int64 = 0
        if let next = batch.next, !parsed.singleBatch {
            id = try context.engine.cursors.register(query.namespace, source: next)
        }
        return CursorReply.make(batch.documents, id: id, namespace: query.namespace.description, first: true)
    }
}
