import BSON
import EngineQuery

/// `collStats`: a collection's document count and sizes (see `CollectionSizes` for how they are measured).
enum CollStatsCommand {
    @Sendable static func run(_ context: CommandContext) async throws -> Document {
        let namespace = try context.collectionNamespace()
        let scale = try StatsScale(context.fields)
        let sizes = try await measure(namespace, store: context.engine.store)
        var reply = storageStats(namespace, sizes: sizes, scale: scale)
        reply.append("ok", 1.0)
        return reply
    }

    /// The sizes of `namespace`; NamespaceNotFound when it does not exist, as mongod 6 answers.
    static func measure(_ namespace: CollectionNamespace, store: DocumentStore) async throws -> CollectionSizes {
        let sizes = try await store.read { connection, catalog -> CollectionSizes? in
            guard let collection = catalog.collection(namespace) else { return nil }
            return try CollectionSizes.measure(collection, connection: connection)
        }
        guard let sizes else { throw EngineError(.namespaceNotFound, "Collection [\(namespace)] not found.") }
        return sizes
    }

    /// The statistics document, shared with `$collStats`'s `storageStats`.
    static func storageStats(_ namespace: CollectionNamespace, sizes: CollectionSizes, scale: StatsScale) -> Document {
        var indexSizes = Document()
        for index in sizes.indexSizes { indexSizes.append(index.name, .int64(scale.apply(index.bytes))) }
        return [
            "ns": .string(namespace.description),
            "size": .int64(scale.apply(sizes.dataSize)),
            "count": .int64(sizes.count),
            "avgObjSize": .int64(sizes.averageObjectSize),
            "storageSize": .int64(scale.apply(sizes.storageSize)),
            "capped": false,
            "nindexes": .int32(Int32(clamping: sizes.indexSizes.count)),
            "indexBuilds": [],
            "totalIndexSize": .int64(scale.apply(sizes.totalIndexSize)),
            "totalSize": .int64(scale.apply(sizes.storageSize + sizes.totalIndexSize)),
            "indexSizes": .document(indexSizes),
            "scaleFactor": .int64(scale.factor),
        ]
    }
}
