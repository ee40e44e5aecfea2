import BSON

/// A parsed update: operator form (`{$set: {...}}`) or replacement form (`{a: 1}`). Pipeline-style
/// updates (an array) are the caller's to refuse; they never reach this type.
public struct UpdateSpec: Sendable {
    private enum Form: Sendable {
        case operators(OperatorUpdate)
        case replacement(ReplacementUpdate)
    }

    private let form: Form

    /// `update` is the `u` of an update statement (or `update` of findAndModify); `arrayFilters` the
    /// statement's `arrayFilters`, nil when absent. The first key decides the form, as in MongoDB.
    public init(_ update: Document, arrayFilters: [Document]?) throws(EngineError) {
        if let first = update.keys.first, first.hasPrefix("$") {
            form = .operators(try OperatorUpdate(update, arrayFilters: arrayFilters))
        } else {
            // mongod still rejects malformed filters here, then ignores them: a replacement has no `$[id]`.
            _ = try ArrayFilterSet(arrayFilters)
            form = .replacement(try ReplacementUpdate(update))
        }
    }

    /// True for a replacement document (no `$` keys).
    public var isReplacement: Bool {
        if case .replacement = form { return true }
        return false
    }

    /// The update applied to an existing document. `matchedArrayIndex` is the array position the query
    /// matched, for the positional `$` (see `Filter.matchedArrayIndex(in:)`).
    public func apply(to document: Document, matchedArrayIndex: Int?, context: UpdateContext) throws(EngineError) -> Document {
        switch form {
        case .operators(let update):
            return try update.apply(to: document, matchedArrayIndex: matchedArrayIndex, context: context)
        case .replacement(let update):
            return try update.apply(to: document)
        }
    }

    /// The document an upsert inserts: the query's equality fields (`_id` first), then the update
    /// applied as an insert, so `$setOnInsert` applies; for a replacement, the replacement with the
    /// query's `_id` if it names one. The caller adds a generated `_id` when there is none.
    public func upsertDocument(query: Document, context: UpdateContext) throws(EngineError) -> Document {
        let root = try FilterParser.parse(query)
        var insertContext = context
        insertContext.isInsert = true
        let document: Document
        switch form {
        case .operators(let update):
            let seed = try UpsertSeed.document(from: root)
            document = try update.apply(to: seed, matchedArrayIndex: nil, context: insertContext)
        case .replacement(let update):
            document = try update.apply(to: try UpsertSeed.idOnly(from: root))
        }
        return Self.idFirst(document)
    }

    private static func idFirst(_ document: Document) -> Document {
        guard let id = document["_id"], document.keys.first != "_id" else { return document }
        var out = Document([("_id", id)])
        for (key, value) in document where key != "_id" { out.append(key, value) }
        return out
    }
}
