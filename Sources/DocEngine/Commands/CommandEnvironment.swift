import BSON
import Logging

/// What every command handler shares: the store, the open cursors, the engine's identity.
final class CommandEnvironment: Sendable {
    let store: DocumentStore
    let cursors: CursorRegistry
    let logger: Logger

    init(store: DocumentStore, cursors: CursorRegistry = CursorRegistry(), logger: Logger) {
        self.store = store
        self.cursors = cursors
        self.logger = logger
    }
}
