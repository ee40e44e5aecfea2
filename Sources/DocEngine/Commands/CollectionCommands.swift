import BSON
import EngineQuery

/// `create`: an empty collection with its `_id` index. Options the engine does not implement are refused
/// rather than silently ignored.
enum CreateCommand {
    static let ignoredOptions: Set<String> = ["writeConcern", "lsid", "$db", "$clusterTime", "$readPreference",
                                              "apiVersion", "apiStrict", "apiDeprecationErrors", "txnNumber", "comment"]

    @Sendable static func run(_ context: CommandContext) async throws -> Document {
        let namespace = try context.collectionNamespace()
        try NamespaceRules.validate(namespace)
        try WriteConcernCheck.validate(context.fields)
        for key in context.body.keys.dropFirst() where !ignoredOptions.contains(key) {
            throw EngineError(.invalidOptions, "the create option '\(key)' is not supported by this engine")
        }
        try await context.engine.store.write { writer in
            guard writer.collection(namespace) == nil else {
                throw EngineError(.namespaceExists, "Collection \(namespace) already exists.")
            }
            _ = try writer.createCollection(namespace)
        }
        return ["ok": 1.0]
    }
}

/// `drop`: the collection, its documents and indexes.
enum DropCommand {
    @Sendable static func run(_ context: CommandContext) async throws -> Document {
        let namespace = try context.collectionNamespace()
        try WriteConcernCheck.validate(context.fields)
        let dropped = try await context.engine.store.write { writer in try writer.dropCollection(namespace) }
        guard let dropped else { throw EngineError(.namespaceNotFound, "ns not found") }
        return ["nIndexesWas": .int32(Int32(dropped.indexes.count)), "ns": .string(namespace.description), "ok": 1.0]
    }
}

/// `dropDatabase`: every collection of the command's database.
enum DropDatabaseCommand {
    @Sendable static func run(_ context: CommandContext) async throws -> Document {
        try WriteConcernCheck.validate(context.fields)
        let database = context.database
        try await context.engine.store.write { writer in
            for collection in writer.catalog.collections(in: database) {
                _ = try writer.dropCollection(collection.namespace)
            }
        }
        return ["dropped": .string(database), "ok": 1.0]
    }
}

/// `listCollections`: one entry per collection, optionally filtered (`{name: "x"}`) and name-only.
enum ListCollectionsCommand {
    @Sendable static func run(_ context: CommandContext) async throws -> Document {
        let fields = context.fields
        let filterDocument = try fields.document("filter") ?? Document()
        let filter = try Filter(filterDocument)
        let nameOnly = try fields.bool("nameOnly") ?? false
        let entries = context.engine.store.currentCatalog.collections(in: context.database).map { collection in
            let full: Document = [
                "name": .string(collection.namespace.collection), "type": "collection", "options": [:],
                "info": ["readOnly": false],
                "idIndex": ["v": 2, "key": ["_id": 1], "name": "_id_"],
            ]
            return full
        }
        let matching = entries.filter { filter.matches($0) }.map { entry -> Document in
            nameOnly ? ["name": entry["name"]!, "type": "collection"] : entry
        }
        return CursorReply.make(matching, id: 0, namespace: "\(context.database).$cmd.listCollections", first: true)
    }
}

/// `listDatabases` (admin only): every database that holds at least one collection.
enum ListDatabasesCommand {
    @Sendable static func run(_ context: CommandContext) async throws -> Document {
        guard context.database == "admin" else {
            throw EngineError(.unauthorized, "listDatabases may only be run against the admin database.")
        }
        let fields = context.fields
        let filterDocument = try fields.document("filter") ?? Document()
        let filter = try Filter(filterDocument)
        let nameOnly = try fields.bool("nameOnly") ?? false
        let catalog = context.engine.store.currentCatalog
        let databases = catalog.databases.sorted().map { name -> Document in
            nameOnly ? ["name": .string(name)] : ["name": .string(name), "sizeOnDisk": .int64(0), "empty": false]
        }.filter { filter.matches($0) }
        var reply: Document = ["databases": .array(databases.map(BSONValue.document))]
        if !nameOnly { reply.append("totalSize", .int64(0)) }
        reply.append("ok", 1.0)
        return reply
    }
}
