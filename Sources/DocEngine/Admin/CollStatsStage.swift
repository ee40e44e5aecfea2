import BSON
import EngineQuery
import Foundation

/// `{$collStats: {count: {}, storageStats: {scale}}}` as the first stage of an aggregate: one document
/// describing the collection, which the later stages then process. `latencyStats` and `queryExecStats`
/// need per-collection timings the engine does not keep, so they are refused.
enum CollStatsStage {
    /// The reply when `pipeline` opens with `$collStats`, nil when it does not.
    static func answer(_ pipeline: [Document], namespace: CollectionNamespace, batchSize: Int?,
                       context: CommandContext) async throws -> Document? {
        if pipeline.dropFirst().contains(where: { $0.hasKey("$collStats") }) {
            throw EngineError(.notFirstStage, "$collStats is only valid as the first stage in a pipeline")
        }
        guard let first = pipeline.first, let spec = first["$collStats"] else { return nil }
        guard case .document(let options) = spec else {
            throw EngineError(.typeMismatch, "BSON field '$collStats' is the wrong type '\(spec.typeName)', expected type 'object'")
        }
        var statistics: Document = [
            "ns": .string(namespace.description), "host": .string(ServerStatusCommand.hostAndPort(context)),
            "localTime": .datetime(Int64(Date().timeIntervalSince1970 * 1000)),
        ]
        var measured: CollectionSizes?
        for (key, value) in options.elements {
            guard case .document(let section) = value else {
                throw EngineError(.typeMismatch, "BSON field '$collStats.\(key)' is the wrong type '\(value.typeName)', expected type 'object'")
            }
            switch key {
            case "storageStats":
                let scale = try StatsScale(CommandFields(command: "$collStats.storageStats", body: section))
                let sizes = try await measuredOnce(&measured, namespace, "storageStats", context)
                statistics.append("storageStats", .document(CollStatsCommand.storageStats(namespace, sizes: sizes, scale: scale)))
            case "count":
                let sizes = try await measuredOnce(&measured, namespace, "count", context)
                statistics.append("count", .int64(sizes.count))
            case "latencyStats", "queryExecStats":
                throw EngineError(.notImplemented, "$collStats \(key) is not supported by this engine")
            default:
                throw EngineError(.unknownField, "BSON field '$collStats.\(key)' is an unknown field.")
            }
        }
        let stages = try PipelineStage.parsePipeline(Array(pipeline.dropFirst()))
        var run = PipelineRun(stages)
        _ = try run.push(statistics)
        return try CursorReply.buffered(try run.finish(), batchSize: batchSize, cursorNamespace: namespace, context: context)
    }

    /// One measurement shared by `count` and `storageStats`.
    private static func measuredOnce(_ cache: inout CollectionSizes?, _ namespace: CollectionNamespace, _ section: String,
                                     _ context: CommandContext) async throws -> CollectionSizes {
        if let cache { return cache }
        let sizes = try await measure(namespace, section, context)
        cache = sizes
        return sizes
    }

    private static func measure(_ namespace: CollectionNamespace, _ section: String,
                                _ context: CommandContext) async throws -> CollectionSizes {
        do {
            return try await CollStatsCommand.measure(namespace, store: context.engine.store)
        } catch let error as EngineError where error.code == MongoErrorCode.namespaceNotFound.rawValue {
            throw EngineError(.namespaceNotFound, "Unable to retrieve \(section) in $collStats stage :: caused by :: \(error.message)")
        }
    }
}
