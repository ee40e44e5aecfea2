import BSON
import EngineQuery

/// `aggregate` with the stages drivers use for counting and simple reads: a leading `$match` runs through
/// the planner (so it can use an index); `$match`, `$skip`, `$limit`, `$sort`, `$project`, `$count` and
/// `$group` (constant or field `_id`; `$sum`, `$min`, `$max`, `$first`, `$last`, `$avg`) follow, streamed
/// as the scan reads (see `PipelineRun`). A pure count is answered from the index when it can be.
enum AggregateCommand {
    @Sendable static func run(_ context: CommandContext) async throws -> Document {
        let namespace = try context.collectionNamespace()
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
        var leadingMatch = Document()
        if let first = pipeline.first, case .document(let match)? = first["$match"] {
            leadingMatch = match
            pipeline.removeFirst()
        }
        let filter = try Filter(leadingMatch)
        let stagesToRun = try pipeline.map { stage throws(EngineError) in try PipelineStage(stage) }
        try TextStages.validate(stagesToRun, leadingMatch: filter)
        let documents = try await context.engine.store.read { connection, catalog -> [Document] in
            guard let collection = catalog.collection(namespace) else { return [] }
            let plan = Planner.plan(filter: filter, sort: nil, collection: collection)
            // `count_documents` and friends: counted from the index (or table) without reading a document.
            if let count = countStage(stagesToRun),
               let n = try Executor.countWithoutDocuments(plan, collection: collection, filter: filter,
                                                          connection: connection) {
                return count(n)
            }
            var run = PipelineRun(stagesToRun)
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
                var document: Document = ["_id": group.idExpression]
                let total: BSONValue = Int32(exactly: n).map(BSONValue.int32) ?? .int64(Int64(n))
                for output in group.outputs { document.append(output.field, total) }
                return [document]
            }
        default:
            return nil
        }
    }
}
