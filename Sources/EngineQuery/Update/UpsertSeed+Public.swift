import BSON

extension UpsertSeed {
    /// The document a pipeline-style upsert starts from: the query's equality fields, `_id` first. The
    /// pipeline then runs on it as on a stored document.
    public static func seed(forQuery query: Document) throws(EngineError) -> Document {
        let seed = try document(from: try FilterParser.parse(query))
        guard let id = seed["_id"] else { return seed }
        return Document([("_id", id)] + seed.elements.filter { $0.key != "_id" })
    }
}
