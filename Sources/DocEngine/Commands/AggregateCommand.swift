import BSON
import EngineQuery

/// `aggregate` with the stages drivers use for counting and simple reads: a leading `$match` runs through
/// the planner (so it can use an index); `$match`, `$skip`, `$limit`, `$sort`, `$project`, `$count` and
/// `$group` (constant or field `_id`; `$sum`, `$min`, `$max`, `$first`, `$last`, `$avg`) follow in memory.
enum AggregateCommand {
    @Sendable static func run(_ context: CommandContext) async throws -> Document {
        let namespace = try context.collectionNamespace()
        let fields = context.fields
        guard let stages = try fields.array("pipeline") else {
            throw EngineError(code: 40414, codeName: "Location40414",
                              message: "BSON field 'aggregate.pipeline' is missing but a required field")
        }
        guard let cursorOptions = try fields.document("cursor") else {
            throw EngineError.failedToParse("The 'cursor' option is required, except for aggregate with the explain argument")
        }
        let batchSize = try CommandFields(command: "aggregate.cursor", body: cursorOptions).count("batchSize")
        var pipeline = try stages.map { item throws(EngineError) -> Document in
            guard case .document(let stage) = item, stage.count == 1 else {
                throw EngineError(code: 40323, codeName: "Location40323",
                                  message: "A pipeline stage specification object must contain exactly one field.")
            }
            return stage
        }
        var filter = try Filter(Document() as Document)
        if let first = pipeline.first, case .document(let match)? = first["$match"] {
            filter = try Filter(match)
            pipeline.removeFirst()
        }
        let stagesToRun = try pipeline.map { stage throws(EngineError) in try PipelineStage(stage) }
        let query = FindQuery(namespace: namespace, filter: filter)
        let input = try await context.engine.store.read { connection, catalog -> [Document] in
            guard let collection = catalog.collection(namespace) else { return [] }
            let plan = Planner.plan(filter: query.filter, sort: nil, collection: collection)
            var stats = ScanStats()
            var documents: [Document] = []
            try Executor.scan(plan, collection: collection, filter: query.filter, after: nil,
                              connection: connection, stats: &stats) { document, _ in
                documents.append(document)
                return true
            }
            return documents
        }
        var documents = input
        for stage in stagesToRun { documents = try stage.apply(documents) }
        let batch = QueryRunner.bufferedBatch(documents, batchSize: batchSize ?? 101)
        var id: Int64 = 0
        if let next = batch.next { id = try context.engine.cursors.register(namespace, source: next) }
        return CursorReply.make(batch.documents, id: id, namespace: namespace.description, first: true)
    }
}
