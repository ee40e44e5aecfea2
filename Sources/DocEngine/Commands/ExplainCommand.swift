import BSON
import EngineQuery

/// `explain` of find, count, distinct, update, delete and findAndModify: the chosen plan and, run to
/// completion (up to its limit) without changing anything, how many index keys and documents it
/// examined. This is how tests prove a query, or the documents an update or delete would touch, come
/// from an index range rather than a scan.
enum ExplainCommand {
    @Sendable static func run(_ context: CommandContext) async throws -> Document {
        guard case .document(let explained)? = context.body["explain"], let name = explained.keys.first else {
            throw EngineError(.typeMismatch, "BSON field 'explain.explain' is the wrong type, expected type 'object'")
        }
        let inner = CommandContext(
            name: name, body: explained, sequences: [:], database: context.database,
            connectionID: context.connectionID, isLegacyOpQuery: false, engine: context.engine)
        if name == "find" { return try await explainFind(inner) }
        let target = try ExplainTarget(inner)
        let (plan, stats, matched) = try await context.engine.store.read { connection, catalog in
            try target.run(connection: connection, catalog: catalog)
        }
        return reply(namespace: target.namespace, stage: target.stage, plan: plan, nReturned: matched, stats: stats)
    }

    private static func explainFind(_ context: CommandContext) async throws -> Document {
        let query = try FindCommand.parse(context).query
        let batch = try await context.engine.store.read { connection, catalog in
            try QueryRunner.firstBatch(query, batchSize: Int.max, connection: connection, catalog: catalog)
        }
        return reply(namespace: query.namespace, stage: nil, plan: batch.plan, nReturned: batch.documents.count, stats: batch.stats)
    }

    /// MongoDB's shape: `queryPlanner.winningPlan` as a tree of stages, `executionStats` with counters.
    static func reply(namespace: CollectionNamespace, stage: String?, plan: QueryPlan?, nReturned: Int, stats: ScanStats) -> Document {
        var winning: Document
        if let plan, case .indexScan(let scan) = plan.access {
            let ixscan: Document = [
                "stage": "IXSCAN", "indexName": .string(scan.index.name),
                "keyPattern": .document(scan.index.pattern.document),
                "direction": .string(scan.forward ? "forward" : "backward"),
            ]
            winning = ["stage": "FETCH", "inputStage": .document(ixscan)]
        } else if let plan, case .text(let scan) = plan.access {
            let ixscan: Document = [
                "stage": "IXSCAN", "indexName": .string(scan.index.name),
                "keyPattern": .document(scan.index.text?.keyDocument ?? Document()),
            ]
            winning = ["stage": "TEXT_MATCH", "inputStage": ["stage": "TEXT_OR", "inputStage": .document(ixscan)]]
        } else {
            winning = ["stage": "COLLSCAN"]
        }
        if plan?.providesSort == false { winning = ["stage": "SORT", "inputStage": .document(winning)] }
        if let stage { winning = ["stage": .string(stage), "inputStage": .document(winning)] }
        return [
            "queryPlanner": ["namespace": .string(namespace.description), "winningPlan": .document(winning)],
            "executionStats": [
                "nReturned": .int32(Int32(clamping: nReturned)),
                "totalKeysExamined": .int64(Int64(stats.keysExamined)),
                "totalDocsExamined": .int64(Int64(stats.docsExamined)),
            ],
            "ok": 1.0,
        ]
    }
}
