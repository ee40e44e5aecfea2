import BSON
import EngineQuery

/// One entry of a `delete` command: `{q: filter, limit: 0 | 1}`.
struct DeleteStatement: Sendable {
    let filter: Filter
    /// 1 deletes the first match, 0 every match.
    let limit: Int

    static let knownFields: Set<String> = ["q", "limit", "hint", "collation"]

    /// An unknown field fails the whole command, before any statement runs, as MongoDB's command parser
    /// fails it; errors in a known field's value are the statement's own.
    static func checkFields(_ statement: Document) throws(EngineError) {
        for key in statement.keys where !knownFields.contains(key) {
            throw EngineError(.unknownField, "BSON field 'delete.deletes.\(key)' is an unknown field.")
        }
    }

    init(_ statement: Document, variables: LetVariables = .none) throws(EngineError) {
        guard let query = statement["q"] else {
            throw EngineError(.missingRequiredField, "BSON field 'delete.deletes.q' is missing but a required field")
        }
        guard case .document(let filter) = query else {
            throw EngineError(.typeMismatch, "BSON field 'delete.deletes.q' is the wrong type '\(query.typeName)', expected type 'object'")
        }
        guard let limitValue = statement["limit"] else {
            throw EngineError(.missingRequiredField, "BSON field 'delete.deletes.limit' is missing but a required field")
        }
        guard let limit = limitValue.integerValue, limit == 0 || limit == 1 else {
            throw EngineError(.failedToParse, "The limit field in delete objects must be 0 or 1. Got \(ShellFormat.render(limitValue))")
        }
        try CollationCheck.validate(statement["collation"], field: "delete.deletes.collation")
        self.filter = try Filter(variables.filter(filter))
        self.limit = Int(limit)
    }

    /// Removes the matching documents; returns how many.
    func run(in writer: WriteContext, namespace: CollectionNamespace) throws -> Int {
        guard let collection = writer.collection(namespace) else { return 0 }
        var stats = ScanStats()
        var removed = 0
        for rid in try writer.matchingRecordIDs(in: collection, filter: filter, sort: nil, limit: limit, stats: &stats) {
            guard let record = try writer.record(rid, in: collection) else { continue }
            try writer.remove(record, from: namespace)
            removed += 1
        }
        return removed
    }
}
