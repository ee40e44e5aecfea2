import Logging
import Synchronization

/// Whether the store is refusing writes because its disk is full. The condition is logged once when it
/// begins and once when a write succeeds again, not once per refused request, and readiness reports it.
final class StoreFullEpisode: Sendable {
    private let isFull = Mutex(false)

    var isOngoing: Bool { isFull.withLock { $0 } }

    func began(_ logger: Logger, cause: any Error) {
        let first = isFull.withLock { full in
            defer { full = true }
            return !full
        }
        if first {
            logger.warning("the message store is full: new messages are refused until space is freed; reads go on",
                           metadata: ["error": "\(cause)"])
        }
    }

    func ended(_ logger: Logger) {
        let wasFull = isFull.withLock { full in
            defer { full = false }
            return full
        }
        if wasFull { logger.notice("the message store accepts new messages again") }
    }
}
