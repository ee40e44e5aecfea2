import BSON
import Logging

/// What every command handler shares: the store, the open cursors, the engine's identity.
final class CommandEnvironment: Sendable {
    let store: DocumentStore
    let cursors: CursorRegistry
    let logger: Logger
    /// Connections, commands in flight and opcounters, for the diagnostic commands.
    let activity: ServerActivity
    let launch: LaunchOptions
    /// Commands by name, for /metrics; nil where nobody scrapes (tests of single commands).
    let metrics: EngineMetrics?

    init(store: DocumentStore, cursors: CursorRegistry = CursorRegistry(), logger: Logger,
         activity: ServerActivity = ServerActivity(), launch: LaunchOptions = LaunchOptions(),
         metrics: EngineMetrics? = nil) {
        self.metrics = metrics
        self.store = store
        self.cursors = cursors
        self.logger = logger
        self.activity = activity
        self.launch = launch
    }
}
