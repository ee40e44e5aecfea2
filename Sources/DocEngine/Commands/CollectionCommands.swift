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
        try CollationCheck.validate(context.body["collation"])
        for key in context.body.keys.dropFirst() where !ignoredOptions.contains(key) && key != "collation" {
            throw refusal(option: key)
        }
        try await context.engine.store.write { writer in
            guard writer.collection(namespace) == nil else {
                throw EngineError(.namespaceExists, "Collection \(namespace) already exists.")
            }
            _ = try writer.createCollection(namespace)
        }
        return ["ok": 1.0]
    }

    /// Why an option MongoDB knows is not taken (see docs/engine-refusals.md).
    static func refusal(option: String) -> EngineError {
        switch option {
        case "capped", "size", "max":
            EngineError(.invalidOptions, "capped collections are not supported by this engine")
        case "viewOn", "pipeline":
            EngineError(.invalidOptions, "views are not supported by this engine")
        case "timeseries", "expireAfterSeconds":
            EngineError(.invalidOptions, "time-series collections are not supported by this engine")
        case "clusteredIndex":
            EngineError(.invalidOptions, "clustered collections are not supported by this engine")
        case "validator", "validationLevel", "validationAction":
            EngineError(.invalidOptions, "document validation is not supported by this engine")
        default:
            EngineError(.invalidOptions, "the create option '\(option)' is not supported by this engine")
        }
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

/// `listCollections`: one entry per collection in MongoDB's shape, optionally filtered (`{name: "x"}`)
/// and name-only. Without authentication every collection is authorized, so `authorizedCollections`
/// changes nothing.
enum ListCollectionsCommand {
    @Sendable static func run(_ context: CommandContext) async throws -> Document {
        let fields = context.fields
        let filter = try Filter(try fields.document("filter") ?? Document())
        let nameOnly = try fields.bool("nameOnly") ?? false
        _ = try fields.bool("authorizedCollections")
        let batchSize = try CursorReply.batchSize(context)
        let database = context.database
        let entries = try await context.engine.store.read { connection, catalog in
            let uuids = try CatalogUUIDs.read(database: database, connection: connection)
            return catalog.collections(in: database).map { entry($0.namespace.collection, uuid: uuids[$0.namespace.collection]) }
        }
        let matching = entries.filter { filter.matches($0) }.map { entry -> Document in
            nameOnly ? Document(entry.elements.filter { $0.key == "name" || $0.key == "type" }.map { ($0.key, $0.value) }) : entry
        }
        let cursor = CollectionNamespace(database: database, collection: "$cmd.listCollections")
        return try CursorReply.buffered(matching, batchSize: batchSize, cursorNamespace: cursor, context: context)
    }

    static func entry(_ name: String, uuid: BSONValue?) -> Document {
        var info: Document = ["readOnly": false]
        if let uuid { info.append("uuid", uuid) }
        return [
            "name": .string(name), "type": "collection", "options": [:], "info": .document(info),
            "idIndex": ["v": 2, "key": ["_id": 1], "name": "_id_"],
        ]
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
