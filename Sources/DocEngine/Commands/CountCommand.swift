import BSON
import EngineQuery

/// `count`: matching documents after skip, capped by limit, using the same planner as find.
enum CountCommand {
    @Sendable static func run(_ context: CommandContext) async throws -> Document {
        let namespace = try context.collectionNamespace()
        let fields = context.fields
        let filterDocument = try fields.document("query") ?? Document()
        let filter = try Filter(filterDocument)
        try CollationCheck.validate(context.body["collation"])
        let skip = try fields.count("skip") ?? 0
        let limit = try countLimit(fields)
        // skip + limit is how far the scan must go; both come from the client, so the sum may not fit.
        let (end, overflow) = skip.addingReportingOverflow(limit)
        let scanEnd = overflow ? Int.max : end
        let n = try await context.engine.store.read { connection, catalog -> Int in
            guard let collection = catalog.collection(namespace) else { return 0 }
            let plan = Planner.plan(filter: filter, sort: nil, collection: collection)
            // Exact index bounds (or no filter) are counted without reading a document.
            if let total = try Executor.countWithoutDocuments(plan, collection: collection, filter: filter,
                                                              connection: connection) {
                return max(0, min(total - skip, limit == 0 ? Int.max : limit))
            }
            var stats = ScanStats()
            var matched = 0
            try Executor.scan(plan, collection: collection, filter: filter, after: nil,
                              connection: connection, stats: &stats) { _, _ in
                matched += 1
                return limit == 0 || matched < scanEnd
            }
            return max(0, min(matched - skip, limit == 0 ? Int.max : limit))
        }
        return ["n": .int32(Int32(clamping: n)), "ok": 1.0]
    }

    /// count treats a negative limit like its absolute value, as MongoDB does; -2^63 has none, so MongoDB
    /// refuses it (BadValue) rather than trap or wrap.
    static func countLimit(_ fields: CommandFields) throws(EngineError) -> Int {
        let limit = try fields.integer("limit") ?? 0
        guard limit != .min else { throw EngineError(.badValue, "limit value for count cannot be min long") }
        return Int(limit.magnitude)
    }
}
