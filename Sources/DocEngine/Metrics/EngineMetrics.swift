import Metrics

/// What the engine records for `/metrics` when it runs inside msgsvc: commands by name, and the size and
/// duration of each group commit. Command names come from the registry's fixed set; any other name a
/// client sends is counted as `other`, so no client can add series.
public struct EngineMetrics: Sendable {
    static let commandsLabel = "msgsvc_engine_commands_total"
    /// Public so that msgsvc can give this histogram buckets that fit batch sizes.
    public static let batchSizeLabel = "msgsvc_engine_commit_batch_size"
    static let commitDurationLabel = "msgsvc_engine_commit_duration_seconds"
    static let otherCommand = "other"

    /// Made up front for every known name: looked up per command without a lock.
    private let commands: [String: Counter]
    private let other: Counter
    /// Write jobs per group transaction.
    let batchSize: Recorder
    /// From BEGIN to the end of the durable COMMIT of one group transaction.
    let commitDuration: Timer

    public init(factory: any MetricsFactory) {
        func counter(_ name: String) -> Counter {
            Counter(label: Self.commandsLabel, dimensions: [("command", name)], factory: factory)
        }
        commands = Dictionary(uniqueKeysWithValues: CommandRegistry.handlers.keys.map { ($0, counter($0)) })
        other = counter(Self.otherCommand)
        batchSize = Recorder(label: Self.batchSizeLabel, factory: factory)
        commitDuration = Timer(label: Self.commitDurationLabel, factory: factory)
    }

    func countCommand(_ name: String) {
        (commands[name] ?? other).increment()
    }
}
