import BSON

/// `dbStats`: the sums of collStats over a database's collections, plus the filesystem's usage.
enum DBStatsCommand {
    @Sendable static func run(_ context: CommandContext) async throws -> Document {
        let scale = try StatsScale(context.fields)
        let database = context.database
        let sizes = try await context.engine.store.read { connection, catalog in
            try catalog.collections(in: database).map { try CollectionSizes.measure($0, connection: connection) }
        }
        let objects = sizes.reduce(0) { $0 + $1.count }
        let dataSize = sizes.reduce(0) { $0 + $1.dataSize }
        let storageSize = sizes.reduce(0) { $0 + $1.storageSize }
        let indexSize = sizes.reduce(0) { $0 + $1.totalIndexSize }
        let indexes = sizes.reduce(0) { $0 + $1.indexSizes.count }
        var reply: Document = [
            "db": .string(database),
            "collections": .int64(Int64(sizes.count)),
            "views": 0,
            "objects": .int64(objects),
            "avgObjSize": .double(objects == 0 ? 0 : Double(dataSize) / Double(objects)),
            "dataSize": .double(Double(scale.apply(dataSize))),
            "storageSize": .double(Double(scale.apply(storageSize))),
            "indexes": .int64(Int64(indexes)),
            "indexSize": .double(Double(scale.apply(indexSize))),
            "totalSize": .double(Double(scale.apply(storageSize + indexSize))),
            "scaleFactor": .int64(scale.factor),
        ]
        if let filesystem = FilesystemSizes.of(context.engine.store.directory) {
            reply.append("fsUsedSize", .double(Double(scale.apply(filesystem.used))))
            reply.append("fsTotalSize", .double(Double(scale.apply(filesystem.total))))
        }
        reply.append("ok", 1.0)
        return reply
    }
}
