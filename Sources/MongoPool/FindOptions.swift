import BSON

/// Options of a `find`, as the server's find command names them. Nil leaves the server's default.
public struct FindOptions: Sendable {
    public var sort: Document?
    public var projection: Document?
    public var skip: Int?
    /// At most this many documents in all.
    public var limit: Int?
    /// Documents per reply from the server (the first batch and each getMore).
    public var batchSize: Int?
    /// Return only the first batch and close the cursor on the server.
    public var singleBatch: Bool?

    public init(
        sort: Document? = nil, projection: Document? = nil, skip: Int? = nil, limit: Int? = nil,
        batchSize: Int? = nil, singleBatch: Bool? = nil
    ) {
        self.sort = sort
        self.projection = projection
        self.skip = skip
        self.limit = limit
        self.batchSize = batchSize
        self.singleBatch = singleBatch
    }

    /// The `opts` document for `mongoc_collection_find_with_opts`.
    var document: Document {
        var document = Document()
        if let sort { document.append("sort", .document(sort)) }
        if let projection { document.append("projection", .document(projection)) }
        if let skip { document.append("skip", .int64(Int64(skip))) }
        if let limit { document.append("limit", .int64(Int64(limit))) }
        if let batchSize { document.append("batchSize", .int32(Int32(clamping: batchSize))) }
        if let singleBatch { document.append("singleBatch", .bool(singleBatch)) }
        return document
    }
}
