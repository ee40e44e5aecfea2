import Logging
import MongoPool
import ServiceLifecycle

/// Follows the store's change notifications (one MongoDB change stream per instance) and pokes the feed
/// of each room they name, so a change written through any instance reaches this instance's subscribers
/// at once rather than at the feed's next poll. The feeds still read the change index, which alone
/// decides what is delivered; this only decides when.
///
/// Where the deployment has no change streams (the embedded engine, standalone MongoDB), it says so once
/// and returns: the feeds poll every `pollInterval`. When an open stream fails (a network error, a
/// failover libmongoc could not resume), the feeds go back to polling every `pollInterval` and the stream
/// is reopened after a growing pause. Graceful shutdown closes the stream.
struct ChangeStreamWaker: Service {
    let store: any MessageStore
    let hub: LiveHub
    let logger: Logger

    static let firstRetry: Duration = .seconds(1)
    static let longestRetry: Duration = .seconds(30)

    func run() async {
        await cancelWhenGracefulShutdown { await follow() }
        hub.setNotified(false)
        // A service that returns ends its group: with nothing (more) to follow, it waits for shutdown.
        try? await gracefulShutdown()
    }

    private func follow() async {
        var retry = Self.firstRetry
        while !Task.isCancelled {
            do {
                guard let changes = try await store.roomChanges() else {
                    logger.info("this store gives no change notifications; following rooms by polling every \(milliseconds(hub.settings.pollInterval)) ms")
                    return
                }
                hub.setNotified(true)
                retry = Self.firstRetry
                logger.info("following rooms by change stream; polling every \(milliseconds(hub.cadence.interval)) ms as a safety net")
                for try await change in changes { hub.wake(change) }
                hub.setNotified(false)
                if Task.isCancelled { return }
                logger.warning("change stream ended; following rooms by polling every \(milliseconds(hub.settings.pollInterval)) ms, reopening",
                               metadata: ["retry_in_ms": "\(milliseconds(retry))"])
            } catch RoomChangesError.unavailable(let reason) {
                hub.setNotified(false)
                logger.info("change streams unavailable on this deployment; following rooms by polling every \(milliseconds(hub.settings.pollInterval)) ms",
                            metadata: ["reason": "\(reason)"])
                return
            } catch {
                hub.setNotified(false)
                if Task.isCancelled { return }
                logger.warning("change stream failed; following rooms by polling every \(milliseconds(hub.settings.pollInterval)) ms, reopening",
                               metadata: ["error": "\(error)", "retry_in_ms": "\(milliseconds(retry))"])
            }
            do { try await Task.sleep(for: retry) } catch { return }
            retry = min(retry * 2, Self.longestRetry)
        }
    }

    private func milliseconds(_ duration: Duration) -> Int64 { duration.wholeMilliseconds ?? .max }
}
