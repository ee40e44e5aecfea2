import BSON
import EngineQuery

/// `explain` of a `find`: the chosen plan and, run to completion (up to its limit), how many index keys
/// and documents it examined. This is how tests prove the service's history query touches about N entries.
enum ExplainCommand {
    @Sendable static func run(_ context: CommandContext) async throws -> Document {
        guard case .document(let explained)? = context.body["explain"], explained.keys.first == "find" else {
            throw EngineError(.badValue, "explain supports find commands only")
        }
        let inner = CommandContext(
            name: "find", body: explained, sequences: [:], database: context.database,
            connectionID: context.connectionID, isLegacyOpQuery: false, engine: context.engine)
        let parsed = try FindCommand.parse(inner)
        let query = parsed.query
        let batch = try await context.engine.store.read { connection, catalog in
            try QueryRunner.firstBatch(query, batchSize: Int.max, connection: connection, catalog: catalog)
        }
        var winning: Document
        if let plan = batch.plan, case .indexScan(let scan) = plan.access {
            let ixscan: Document = [
                "stage": "IXSCAN", "indexName": .string(scan.index.name),
                "keyPattern": .document(scan.index.pattern.document),
                "direction": .string(scan.forward ? "forward" : "backward"),
            ]
            winning = ["stage": "FETCH", "inputStage": .document(ixscan)]
            if !plan.providesSort { winning = ["stage": "SORT", "inputStage": .document(winning)] }
        } else {
            winning = ["stage": "COLLSCAN"]
            if batch.plan?.providesSort == false { winning = ["stage": "SORT", "inputStage": .document(winning)] }
        }
        return [
            "queryPlanner": ["namespace": .string(query.namespace.description), "winningPlan": .document(winning)],
            "executionStats": [
                "nReturned": .int32(Int32(clamping: batch.documents.count)),
                "totalKeysExamined": .int64(Int64(batch.stats.keysExamined)),
                "totalDocsExamined": .int64(Int64(batch.stats.docsExamined)),
            ],
            "ok": 1.0,
        ]
    }
}
