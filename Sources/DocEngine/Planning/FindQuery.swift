import BSON
import EngineQuery

/// A parsed read: what `find`, `count` and the first `$match` of an aggregation ask of a collection.
struct FindQuery: Sendable {
    let namespace: CollectionNamespace
    let filter: Filter
    let sort: SortSpec?
    let projection: Projection?
    let skip: Int
    /// 0 means no limit.
    let limit: Int

    init(namespace: CollectionNamespace, filter: Filter, sort: SortSpec? = nil, projection: Projection? = nil,
         skip: Int = 0, limit: Int = 0) {
        self.namespace = namespace
        self.filter = filter
        self.sort = sort
        self.projection = projection
        self.skip = skip
        self.limit = limit
    }

    func project(_ document: Document) throws(EngineError) -> Document {
        // A `$text` read carries each document's score until here.
        if filter.text != nil { return try TextScore.finish(document, projection: projection) }
        guard let projection else { return document }
        if projection.usesPositional {
            return try projection.apply(document, matchedArrayIndex: filter.matchedArrayIndex(in: document))
        }
        return try projection.apply(document)
    }
}
