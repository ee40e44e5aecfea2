import BSON
import EngineQuery

/// One entry of an `update` command: `{q, u, multi, upsert, arrayFilters}`, parsed before the write
/// job runs so a malformed statement never occupies the writer.
struct UpdateStatement: Sendable {
    struct Outcome {
        var matched = 0
        var modified = 0
        /// The `_id` of the document an upsert inserted.
        var upsertedID: BSONValue?
    }

    let query: Document
    let filter: Filter
    let update: UpdateAction
    let multi: Bool
    let upsert: Bool

    /// The statement fields MongoDB 6 knows; anything else (`sort`, from newer servers) is refused as
    /// it refuses it, not silently ignored.
    static let knownFields: Set<String> = ["q", "u", "c", "arrayFilters", "hint", "multi", "upsert", "upsertSupplied", "collation"]

    /// An unknown field fails the whole command, before any statement runs, as MongoDB's command parser
    /// fails it; errors in a known field's value are the statement's own.
    static func checkFields(_ statement: Document) throws(EngineError) {
        for key in statement.keys where !knownFields.contains(key) {
            throw EngineError(.unknownField, "BSON field 'update.updates.\(key)' is an unknown field.")
        }
    }

    init(_ statement: Document, variables: LetVariables = .none) throws(EngineError) {
        query = variables.filter(try Self.document(statement, "q"))
        guard let u = statement["u"] else {
            throw EngineError(.missingRequiredField, "BSON field 'update.updates.u' is missing but a required field")
        }
        let arrayFilters = try Self.arrayFilters(statement["arrayFilters"])
        // Operator updates evaluate no expressions; a pipeline does.
        update = try UpdateAction(u.arrayValue == nil ? u : variables.expression(u), arrayFilters: arrayFilters)
        multi = try Self.flag(statement, "multi")
        upsert = try Self.flag(statement, "upsert")
        if multi && update.isReplacement {
            throw EngineError(.failedToParse, "multi update is not supported for replacement-style update")
        }
        try CollationCheck.validate(statement["collation"], field: "update.updates.collation")
        filter = try Filter(query)
    }

    func run(in writer: WriteContext, namespace: CollectionNamespace, now: Int64) throws -> Outcome {
        var outcome = Outcome()
        if let collection = writer.collection(namespace) {
            var stats = ScanStats()
            let ids = try writer.matchingRecordIDs(in: collection, filter: filter, sort: nil, limit: multi ? 0 : 1, stats: &stats)
            for rid in ids {
                guard let record = try writer.record(rid, in: collection) else { continue }
                outcome.matched += 1
                if try RecordUpdate.apply(update, matchedBy: filter, to: record, in: writer, namespace: namespace, now: now).modified {
                    outcome.modified += 1
                }
            }
        }
        if outcome.matched == 0 && upsert {
            let inserted = try RecordUpdate.upsert(update, query: query, in: writer, namespace: namespace, now: now)
            outcome.upsertedID = inserted["_id"]
        }
        return outcome
    }

    static func document(_ statement: Document, _ field: String) throws(EngineError) -> Document {
        guard let value = statement[field] else {
            throw EngineError(.missingRequiredField, "BSON field 'update.updates.\(field)' is missing but a required field")
        }
        guard case .document(let document) = value else {
            throw EngineError(.typeMismatch, "BSON field 'update.updates.\(field)' is the wrong type '\(value.typeName)', expected type 'object'")
        }
        return document
    }

    static func flag(_ statement: Document, _ field: String) throws(EngineError) -> Bool {
        switch statement[field] {
        case nil: return false
        case .bool(let value)?: return value
        case let value?:
            throw EngineError(.typeMismatch, "BSON field 'update.updates.\(field)' is the wrong type '\(value.typeName)', expected type 'bool'")
        }
    }

    static func arrayFilters(_ value: BSONValue?) throws(EngineError) -> [Document]? {
        guard let value else { return nil }
        guard case .array(let items) = value else {
            throw EngineError(.typeMismatch, "BSON field 'arrayFilters' is the wrong type '\(value.typeName)', expected type 'array'")
        }
        var filters: [Document] = []
        for item in items {
            guard case .document(let filter) = item else {
                throw EngineError(.typeMismatch, "BSON field 'arrayFilters' is the wrong type '\(item.typeName)', expected type 'object'")
            }
            filters.append(filter)
        }
        return filters
    }
}
