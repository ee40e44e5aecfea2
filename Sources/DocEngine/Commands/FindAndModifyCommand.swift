import BSON
import EngineQuery
import Foundation

/// `findAndModify`: finds the first document in `sort` order and updates or removes it, answering with
/// the document before or (`new: true`) after the change, projected by `fields`. Running as one write
/// job on the single writer makes it atomic: no other write runs between the find and the change, so
/// concurrent `$inc`s through it each see a distinct value.
enum FindAndModifyCommand {
    private enum Change: Sendable {
        case remove
        case update(UpdateAction, returnNew: Bool, upsert: Bool)
    }

    private struct Parsed: Sendable {
        let namespace: CollectionNamespace
        let query: Document
        let filter: Filter
        let sort: SortSpec?
        let projection: Projection?
        let change: Change

        /// Where the query matched in `document`, when a positional projection needs it.
        func position(in document: Document) -> Int? {
            projection?.usesPositional == true ? filter.matchedArrayIndex(in: document) : nil
        }
    }

    @Sendable static func run(_ context: CommandContext) async throws -> Document {
        let parsed = try parse(context)
        let now = Int64((Date().timeIntervalSince1970 * 1000).rounded(.down))
        let (value, lastError, position) = try await context.engine.store.write { writer -> (Document?, Document, Int?) in
            try execute(parsed, in: writer, now: now)
        }
        var returned = BSONValue.null
        if let value {
            returned = .document(try parsed.projection.map { projection throws(EngineError) in
                projection.usesPositional ? try projection.apply(value, matchedArrayIndex: position) : try projection.apply(value)
            } ?? value)
        }
        return ["lastErrorObject": .document(lastError), "value": returned, "ok": 1.0]
    }

    private static func execute(_ parsed: Parsed, in writer: WriteContext, now: Int64) throws -> (Document?, Document, Int?) {
        let namespace = parsed.namespace
        var record: WriteContext.StoredRecord?
        if let collection = writer.collection(namespace) {
            var stats = ScanStats()
            let ids = try writer.matchingRecordIDs(in: collection, filter: parsed.filter, sort: parsed.sort, limit: 1, stats: &stats)
            record = try ids.first.flatMap { rid in try writer.record(rid, in: collection) }
        }
        switch parsed.change {
        case .remove:
            guard let record else { return (nil, ["n": 0], nil) }
            try writer.remove(record, from: namespace)
            return (record.document, ["n": 1], parsed.position(in: record.document))
        case .update(let update, let returnNew, let upsert):
            if let record {
                let (after, _) = try RecordUpdate.apply(update, matchedBy: parsed.filter, to: record, in: writer,
                                                        namespace: namespace, now: now)
                // A positional projection shows the element the query matched, before the update moved it.
                return (returnNew ? after : record.document, ["n": 1, "updatedExisting": true],
                        parsed.position(in: record.document))
            }
            guard upsert else { return (nil, ["n": 0, "updatedExisting": false], nil) }
            let inserted = try RecordUpdate.upsert(update, query: parsed.query, in: writer, namespace: namespace, now: now)
            return (returnNew ? inserted : nil, ["n": 1, "updatedExisting": false, "upserted": inserted["_id"] ?? .null],
                    parsed.position(in: inserted))
        }
    }

    private static func parse(_ context: CommandContext) throws(EngineError) -> Parsed {
        let namespace = try context.collectionNamespace()
        try NamespaceRules.validate(namespace)
        let fields = context.fields
        try WriteConcernCheck.validate(fields)
        let variables = try LetVariables(context.body["let"])
        let query = variables.filter(try fields.document("query") ?? Document())
        try CollationCheck.validate(context.body["collation"])
        let sort = try fields.document("sort").map { spec throws(EngineError) in try SortSpec(spec) }
        let projection = try fields.document("fields").map { spec throws(EngineError) in try Projection(spec) }
        let remove = try fields.bool("remove") ?? false
        let returnNew = try fields.bool("new") ?? false
        let upsert = try fields.bool("upsert") ?? false
        let updateValue = context.body["update"]
        let change: Change
        switch (remove, updateValue) {
        case (true, _?):
            throw EngineError(.failedToParse, "Cannot specify both an update and remove=true")
        case (true, nil):
            if upsert { throw EngineError(.failedToParse, "Cannot specify both upsert=true and remove=true ") }
            if returnNew {
                throw EngineError(.failedToParse, "Cannot specify both new=true and remove=true; 'remove' always returns the deleted document")
            }
            change = .remove
        case (false, nil):
            throw EngineError(.failedToParse, "Either an update or remove=true must be specified")
        case (false, let value?):
            let arrayFilters = try UpdateStatement.arrayFilters(context.body["arrayFilters"])
            let update = value.arrayValue == nil ? value : variables.expression(value)
            change = .update(try UpdateAction(update, arrayFilters: arrayFilters), returnNew: returnNew, upsert: upsert)
        }
        return Parsed(namespace: namespace, query: query, filter: try Filter(query),
                      sort: (sort?.keys.isEmpty ?? true) ? nil : sort, projection: projection, change: change)
    }
}
