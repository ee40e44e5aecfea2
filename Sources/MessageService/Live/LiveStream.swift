import Hummingbird
import Logging
import ServiceLifecycle

/// One `GET /live` response body: replays the room's changes after `start` from the store, then writes
/// each change the room's feed delivers, with no gap and no duplicate at the seam (see `pump`).
struct LiveStream: Sendable {
    let hub: LiveHub
    let store: any MessageStore
    let roomID: String
    let start: Int64
    let slot: StreamSlot
    let logger: Logger

    func run(_ writer: inout any ResponseBodyWriter) async throws {
        defer { slot.release() }
        // Subscribed before the replay reads the store, so nothing committed after the replay is missed.
        let subscription = hub.subscribe(roomID: roomID)
        defer { hub.unsubscribe(subscription, roomID: roomID) }
        let box = WriterBox(writer)
        await withGracefulShutdownHandler {
            // A write blocks while the client does not read. The pump runs beside a watcher so that a
            // stream dropped for slowness (or ended by shutdown) has its blocked write cancelled instead
            // of holding the connection until the client goes away.
            await withTaskGroup(of: Void.self) { group in
                group.addTask {
                    await pump(subscription, into: box)
                    subscription.end(.finished)
                }
                group.addTask { _ = await subscription.ended() }
                await group.next()
                group.cancelAll()
            }
        } onGracefulShutdown: {
            subscription.end(.shutdown)
        }
        if subscription.endReason == .tooSlow {
            // The request id in the logger's metadata identifies the stream; room ids are user-chosen names.
            logger.info("dropped a live stream whose client reads too slowly")
        }
        writer = box.writer
        try await writer.finish(nil)
    }

    /// Writes until the subscription ends or a write fails (the client went away).
    ///
    /// `position` is the last change this connection has written; it only grows, and only changes after it
    /// are written, so ids never repeat or go backwards. A feed batch covers every change in
    /// (`from`, `through`]: when it starts at or before `position`, its changes after `position` complete the
    /// stream up to `through`; when it starts after `position` (the feed was ahead of this stream's replay),
    /// the gap is read from the store first.
    private func pump(_ subscription: Subscription, into box: WriterBox) async {
        var position = start
        do {
            try await box.writer.write(ServerSentEvents.retry(milliseconds: hub.settings.retryMilliseconds))
            position = try await replay(after: position, into: box)
            while true {
                switch await subscription.next(idle: hub.settings.heartbeat) {
                case .batch(let batch):
                    if batch.from > position { position = try await replay(after: position, into: box) }
                    let fresh = batch.changes.drop { $0.change <= position }
                    if !fresh.isEmpty { try await box.writer.write(ServerSentEvents.events(fresh)) }
                    position = max(position, batch.through)
                case .idle:
                    try await box.writer.write(ServerSentEvents.heartbeat)
                case .ended:
                    return
                }
            }
        } catch {
            logger.debug("live stream ended", metadata: ["room_id": "\(roomID)", "error": "\(error)"])
        }
    }

    private static let replayPage = 500

    /// Writes every change after `position` that the store has now; returns the last one written.
    private func replay(after position: Int64, into box: WriterBox) async throws -> Int64 {
        var position = position
        while true {
            let page = try await store.changes(ChangesRequest(roomID: roomID, after: position, limit: Self.replayPage))
            if let last = page.changes.last {
                try await box.writer.write(ServerSentEvents.events(page.changes))
                position = last.change
            }
            if !page.hasMore { return position }
        }
    }
}

/// Lends the response's writer to the one task that writes with it. Unchecked because the writer is not
/// declared Sendable; it is used by one task at a time: handed to the pump task, and taken back only
/// after the task group holding that task has finished.
private final class WriterBox: @unchecked Sendable {
    var writer: any ResponseBodyWriter

    init(_ writer: any ResponseBodyWriter) {
        self.writer = writer
    }
}
