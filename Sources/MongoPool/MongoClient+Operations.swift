import BSON

extension MongoClient {
    /// Inserts one document, giving it an ObjectId `_id` if it has none.
    /// A unique index violation throws an error whose `isDuplicateKey` is true.
    public func insert(
        _ document: Document, into namespace: Namespace, writeConcern: WriteConcern? = nil
    ) async throws(MongoError) -> InsertResult {
        try await execute(InsertOne(document: document, namespace: namespace, writeConcern: writeConcern))
    }

    /// Inserts documents in one batch. Ordered stops at the first failure; unordered tries them all and
    /// reports each failure in the error's reply (`writeErrors`).
    public func insertMany(
        _ documents: [Document], into namespace: Namespace, ordered: Bool = true, writeConcern: WriteConcern? = nil
    ) async throws(MongoError) -> InsertResult {
        guard !documents.isEmpty else {
            return InsertResult(insertedIDs: [], reply: ["insertedCount": 0])
        }
        return try await execute(
            InsertMany(documents: documents, namespace: namespace, ordered: ordered, writeConcern: writeConcern))
    }

    /// Every document matching `filter`, after applying `options`, read to the end of the cursor.
    public func find(
        _ filter: Document = Document(), in namespace: Namespace, options: FindOptions = FindOptions()
    ) async throws(MongoError) -> [Document] {
        try await execute(Find(filter: filter, namespace: namespace, options: options))
    }

    /// Every document matching `filter`, after applying `options`, each turned into an `Element` by
    /// `decode` as the cursor yields it. `decode` runs on the client's thread pool and is lent a view that
    /// is valid only during the call, so no document is copied. Throws a `MongoError`, or the first error
    /// `decode` throws (which ends the find).
    public func find<Element: Sendable>(
        _ filter: Document = Document(), in namespace: Namespace, options: FindOptions = FindOptions(),
        decoding decode: @escaping @Sendable (BSONView) throws -> Element
    ) async throws -> [Element] {
        try await execute(FindDecoding(filter: filter, namespace: namespace, options: options, decode: decode)).get()
    }

    /// Applies update operators to the first document matching `filter` (or inserts one, with `upsert`).
    public func updateOne(
        _ filter: Document, _ update: Document, in namespace: Namespace, options: UpdateOptions = UpdateOptions()
    ) async throws(MongoError) -> UpdateResult {
        try await execute(UpdateDocuments(kind: .one, filter: filter, update: update, namespace: namespace, options: options))
    }

    /// Applies update operators to every document matching `filter`.
    public func updateMany(
        _ filter: Document, _ update: Document, in namespace: Namespace, options: UpdateOptions = UpdateOptions()
    ) async throws(MongoError) -> UpdateResult {
        try await execute(UpdateDocuments(kind: .many, filter: filter, update: update, namespace: namespace, options: options))
    }

    /// Replaces the first document matching `filter` with `replacement` (its `_id` stays).
    public func replaceOne(
        _ filter: Document, with replacement: Document, in namespace: Namespace, options: UpdateOptions = UpdateOptions()
    ) async throws(MongoError) -> UpdateResult {
        try await execute(UpdateDocuments(kind: .replaceOne, filter: filter, update: replacement, namespace: namespace, options: options))
    }

    /// Deletes the first document matching `filter`, or all of them with `many`; returns how many.
    public func delete(
        _ filter: Document, many: Bool = false, in namespace: Namespace, writeConcern: WriteConcern? = nil
    ) async throws(MongoError) -> Int {
        try await execute(DeleteDocuments(many: many, filter: filter, namespace: namespace, writeConcern: writeConcern))
    }

    /// Finds the first document matching `filter` and updates or removes it atomically; returns it as it
    /// was or, with `returnNew`, as it became (nil when nothing matched and nothing was upserted).
    public func findAndModify(
        _ filter: Document, in namespace: Namespace, options: FindAndModifyOptions
    ) async throws(MongoError) -> Document? {
        try await execute(FindAndModify(filter: filter, namespace: namespace, options: options))
    }

    /// The distinct values `key` takes across the documents matching `filter`.
    public func distinct(
        _ key: String, filter: Document = Document(), in namespace: Namespace
    ) async throws(MongoError) -> [BSONValue] {
        let reply = try await runCommand(
            ["distinct": .string(namespace.collection), "key": .string(key), "query": .document(filter)],
            database: namespace.database)
        return reply["values"]?.arrayValue ?? []
    }

    /// Runs a database command and returns the server's reply. A reply with `ok: 0` throws, with the
    /// server's code and the reply kept in the error.
    public func runCommand(_ command: Document, database: String) async throws(MongoError) -> Document {
        try await execute(RunCommand(command: command, database: database))
    }

    /// Creates the indexes (existing identical ones are left as they are).
    public func createIndexes(_ indexes: [IndexModel], in namespace: Namespace) async throws(MongoError) {
        guard !indexes.isEmpty else { return }
        _ = try await execute(CreateIndexes(indexes: indexes, namespace: namespace))
    }

    /// Checks that a server can be selected and answers.
    public func ping() async throws(MongoError) {
        _ = try await runCommand(["ping": 1], database: "admin")
    }
}
