import BSON
import EngineQuery

/// `aggregate`: a leading `$match` (and a `$sort` right after it) runs through the planner, so it can use
/// an index and, when the index provides the order, skip the in-memory sort; the remaining stages are
/// streamed as the scan reads (see `PipelineRun`). `$lookup` reads its foreign collection in the same read
/// transaction. A pure count is answered from the index when it can be.
enum AggregateCommand {
    @Sendable static func run(_ context: CommandContext) async throws -> Document {
        let databaseLevel = DatabaseAggregate.isDatabaseLevel(context.body)
        let namespace = databaseLevel ? CollectionNamespace(database: context.database, collection: "$cmd.aggregate")
                                      : try context.collectionNamespace()
        let fields = context.fields
        guard let stages = try fields.array("pipeline") else {
            throw EngineError(.missingRequiredField, "BSON field 'aggregate.pipeline' is missing but a required field")
        }
        guard let cursorOptions = try fields.document("cursor") else {
            throw EngineError(.failedToParse, "The 'cursor' option is required, except for aggregate with the explain argument")
        }
        let batchSize = try CommandFields(command: "aggregate.cursor", body: cursorOptions).count("batchSize")
        var pipeline = try stages.map { item throws(EngineError) -> Document in
            guard case .document(let stage) = item, stage.count == 1 else {
                throw EngineError(.stageNotOneField, "A pipeline stage specification object must contain exactly one field.")
            }
            return stage
        }
        try StageRefusal.check(pipeline)
        pipeline = try LetVariables(context.body["let"]).pipeline(pipeline)
        try CollationCheck.validate(context.body["collation"])
        if databaseLevel { return try await DatabaseAggregate.run(context, pipeline: pipeline, batchSize: batchSize) }
        if let reply = try await CollStatsStage.answer(pipeline, namespace: namespace, batchSize: batchSize, context: context) {
            return reply
        }
        var leadingMatch = Document()
        if let first = pipeline.first, case .document(let match)? = first["$match"] {
            leadingMatch = match
            pipeline.removeFirst()
        }
        let filter = try Filter(leadingMatch)
        let parsedStages = try PipelineStage.parsePipeline(pipeline)
        try TextStages.validate(parsedStages, leadingMatch: filter)
        let database = namespace.database
        let documents = try await context.engine.store.read { connection, catalog -> [Document] in
            guard let collection = catalog.collection(namespace) else {
                // No collection is no input: `$facet` and the like still produce their empty results.
                var run = PipelineRun(parsedStages)
                return try run.finish()
            }
            var stagesToRun = parsedStages
            let leadingSort = leadingSortSpec(stagesToRun)
            let plan = Planner.plan(filter: filter, sort: leadingSort, collection: collection)
            if leadingSort != nil && plan.providesSort, case .sort(_, let limit) = stagesToRun[0] {
                // The index walks in the requested order: the sort stage is only its limit, if any.
                stagesToRun.removeFirst()
                if let limit { stagesToRun.insert(.limit(limit), at: 0) }
            }
            // `count_documents` and friends: counted from the index (or table) without reading a document.
            if let count = countStage(stagesToRun),
               let n = try Executor.countWithoutDocuments(plan, collection: collection, filter: filter,
                                                          connection: connection) {
                return count(n)
            }
            let reader: ForeignReader = { name, foreignFilter in
                guard let foreign = catalog.collection(CollectionNamespace(database: database, collection: name)) else { return [] }
                let foreignPlan = Planner.plan(filter: foreignFilter, sort: nil, collection: foreign)
                var found: [Document] = []
                var bytes = 0
                var stats = ScanStats()
                try Executor.scan(foreignPlan, collection: foreign, filter: foreignFilter, after: nil,
                                  connection: connection, stats: &stats) { document, _ in
                    bytes += document.byteCount
                    guard bytes <= LookupStage.maxJoinedBytes else { throw LookupStage.tooLarge(name) }
                    found.append(document)
                    return true
                }
                return found
            }
            var run = PipelineRun(stagesToRun, reader: reader)
            var stats = ScanStats()
            try Executor.scan(plan, collection: collection, filter: filter, after: nil,
                              connection: connection, stats: &stats) { document, _ in try run.push(document) }
            // A leading `$text` match attached scores for `$sort`/`$project`; results do not keep them.
            let results = try run.finish()
            return filter.text == nil ? results : results.map { $0.removing(TextScore.field) }
        }
        let batch = QueryRunner.bufferedBatch(documents, batchSize: batchSize ?? 101)
        var id: Int64 = 0
        if let next = batch.next { id = try context.engine.cursors.register(namespace, source: next) }
        return CursorReply.make(batch.documents, id: id, namespace: namespace.description, first: true)
    }

    /// The sort the planner may serve from an index: a `$sort` first after the leading `$match`.
    private static func leadingSortSpec(_ stages: [PipelineStage]) -> SortSpec? {
        if case .sort(let spec, _)? = stages.first { return spec }
        return nil
    }

    /// For a pipeline that only counts what the leading `$match` selects (`$count`, or a `$group` on a
    /// constant `_id` summing 1), the result as a function of that count.
    static func countStage(_ stages: [PipelineStage]) -> ((Int) -> [Document])? {
        guard stages.count == 1 else { return nil }
        switch stages[0] {
        case .count(let field):
            return { n in n == 0 ? [] : [[field: .int32(Int32(clamping: n))]] }
        case .group(let group) where group.isConstantCount:
            return { n in
                guard n > 0 else { return [] }
                var document: Document = ["_id": group.id.constantValue ?? .null]
                let total: BSONValue = Int32(exactly: n).map(BSONValue.int32) ?? .int64(Int64(n))
                for output in group.outputs { document.append(output.field, total) }
                return [document]
            }
        default:
            return nil
        }
    }
}
