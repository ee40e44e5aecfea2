import BSON

/// The `createIndexes` command for one collection. Creating an index that already exists with the same
/// options succeeds, so this can run at every start-up.
struct CreateIndexes: MongoOperation {
    let indexes: [IndexModel]
    let namespace: Namespace

    var command: Document {
        Document([
            ("createIndexes", .string(namespace.collection)),
            ("indexes", .array(indexes.map { .document($0.document) })),
        ])
    }

    func run(on client: OpaquePointer) throws(MongoError) -> Document {
        try Namespace.checkName(namespace.collection, "collection")
        return try RunCommand(command: command, database: namespace.database).run(on: client)
    }
}
