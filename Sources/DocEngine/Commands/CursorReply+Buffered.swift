import BSON

extension CursorReply {
    /// The first batch of documents already in memory (listCollections, listIndexes, `$collStats`…), with
    /// a cursor for the rest when `cursor.batchSize` asks for fewer.
    static func buffered(_ documents: [Document], batchSize: Int?, cursorNamespace: CollectionNamespace,
                         context: CommandContext) throws -> Document {
        let batch = QueryRunner.bufferedBatch(documents, batchSize: batchSize ?? 101)
        var id: Int64 = 0
        if let next = batch.next { id = try context.engine.cursors.register(cursorNamespace, source: next) }
        return make(batch.documents, id: id, namespace: cursorNamespace.description, first: true)
    }

    /// `cursor: {batchSize}` of a command that answers with a cursor.
    static func batchSize(_ context: CommandContext) throws -> Int? {
        guard let options = try context.fields.document("cursor") else { return nil }
        return try CommandFields(command: "\(context.name).cursor", body: options).count("batchSize")
    }
}
