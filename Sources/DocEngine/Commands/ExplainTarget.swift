import BSON
import EngineQuery

/// The read behind an explained count, distinct, update, delete or findAndModify: its collection,
/// filter, sort and how many matches it stops at, taken from the command exactly as the command
/// itself parses it (the first statement of a batched write, as MongoDB explains it).
struct ExplainTarget: Sendable {
    let namespace: CollectionNamespace
    let filter: Filter
    let sort: SortSpec?
    /// 0: every match.
    let limit: Int
    /// The stage above the scan in the plan (`UPDATE`, `DELETE`, `COUNT`…).
    let stage: String

    init(_ context: CommandContext) throws(EngineError) {
        namespace = try context.collectionNamespace()
        let fields = context.fields
        switch context.name {
        case "count":
            filter = try Filter(try fields.document("query") ?? Document())
            (sort, limit, stage) = (nil, try CountCommand.countLimit(fields), "COUNT")
        case "distinct":
            filter = try DistinctCommand.parse(context).filter
            (sort, limit, stage) = (nil, 0, "PROJECTION_DEFAULT")
        case "delete":
            let statement = try DeleteStatement(try Self.firstStatement(context, "deletes"), variables: LetVariables(context.body["let"]))
            (filter, sort, limit, stage) = (statement.filter, nil, statement.limit, "DELETE")
        case "update":
            let statement = try UpdateStatement(try Self.firstStatement(context, "updates"), variables: LetVariables(context.body["let"]))
            (filter, sort, limit, stage) = (statement.filter, nil, statement.multi ? 0 : 1, "UPDATE")
        case "findAndModify", "findandmodify":
            filter = try Filter(try fields.document("query") ?? Document())
            sort = try fields.document("sort").map { spec throws(EngineError) in try SortSpec(spec) }
            limit = 1
            stage = (try fields.bool("remove") ?? false) ? "DELETE" : "UPDATE"
        case "aggregate":
            // The part of a pipeline that reads the collection: its leading `$match` and the `$sort`
            // right after it, which the planner serves from an index when one fits.
            var stages = (try fields.array("pipeline") ?? []).compactMap(\.documentValue)[...]
            var match = Document()
            if case .document(let leading)? = stages.first?["$match"] {
                match = try LetVariables(context.body["let"]).filter(leading)
                stages = stages.dropFirst()
            }
            filter = try Filter(match)
            sort = try stages.first?["$sort"]?.documentValue.map { spec throws(EngineError) in try SortSpec(spec) }
            (limit, stage) = (0, "PIPELINE")
        default:
            throw EngineError(.commandNotFound, "Explain failed due to unknown command: \(context.name)")
        }
    }

    func run(connection: SQLiteConnection, catalog: Catalog) throws -> (QueryPlan?, ScanStats, Int) {
        var stats = ScanStats()
        guard let collection = catalog.collection(namespace) else { return (nil, stats, 0) }
        let plan = Planner.plan(filter: filter, sort: sort?.keys.isEmpty == false ? sort : nil, collection: collection)
        var matched = 0
        try Executor.scan(plan, collection: collection, filter: filter, after: nil,
                          connection: connection, stats: &stats) { _, _ in
            matched += 1
            // A sort the index does not provide must see every match before it knows the first.
            return limit == 0 || matched < limit || !plan.providesSort
        }
        return (plan, stats, limit == 0 ? matched : min(matched, limit))
    }

    private static func firstStatement(_ context: CommandContext, _ field: String) throws(EngineError) -> Document {
        guard let first = try WriteBatch(context, field: field).statements.first else {
            throw EngineError(.invalidLength, "Write batch sizes must be between 1 and 100000. Got 0 operations.")
        }
        return first
    }
}
