import BSON
import EngineQuery

/// `distinct`: the set of values a key takes across the documents a query matches, sorted in BSON order
/// as MongoDB returns them, values that compare equal (1 and 1.0) counted once.
enum DistinctCommand {
    struct Parsed {
        let namespace: CollectionNamespace
        let key: String
        let filter: Filter
    }

    static func parse(_ context: CommandContext) throws(EngineError) -> Parsed {
        let namespace = try context.collectionNamespace()
        let fields = context.fields
        guard let key = try fields.string("key") else {
            throw EngineError(.missingRequiredField, "BSON field 'distinct.key' is missing but a required field")
        }
        guard !key.isEmpty else { throw EngineError(.emptyFieldPath, "FieldPath cannot be constructed with empty string") }
        try CollationCheck.validate(context.body["collation"])
        let filter = try Filter(try fields.document("query") ?? Document())
        return Parsed(namespace: namespace, key: key, filter: filter)
    }

    @Sendable static func run(_ context: CommandContext) async throws -> Document {
        let parsed = try parse(context)
        let values = try await context.engine.store.read { connection, catalog -> [BSONValue] in
            guard let collection = catalog.collection(parsed.namespace) else { return [] }
            let plan = Planner.plan(filter: parsed.filter, sort: nil, collection: collection)
            var stats = ScanStats()
            var values: [BSONValue] = []
            var bytes = 0
            try Executor.scan(plan, collection: collection, filter: parsed.filter, after: nil,
                              connection: connection, stats: &stats) { document, _ in
                for value in DistinctValues.values(in: document, path: parsed.key) {
                    values.append(value)
                    bytes += Document([("", value)]).byteCount
                }
                // The reply is one document, so it has MongoDB's 16 MiB cap; duplicates are dropped as
                // they pile up so only distinct values count towards it.
                if bytes > Document.maximumSize {
                    values = unique(values)
                    bytes = Document(values.map { ("", $0) }).byteCount
                    if bytes > Document.maximumSize {
                        throw EngineError(.bsonObjectTooLarge, "distinct too big, 16mb cap")
                    }
                }
                return true
            }
            return unique(values)
        }
        return ["values": .array(values), "ok": 1.0]
    }

    private static func unique(_ values: [BSONValue]) -> [BSONValue] {
        let sorted = values.sorted { BSONOrder.compare($0, $1) < 0 }
        var out: [BSONValue] = []
        for value in sorted where out.last.map({ BSONOrder.compare($0, value) != 0 }) ?? true {
            out.append(value)
        }
        return out
    }
}
