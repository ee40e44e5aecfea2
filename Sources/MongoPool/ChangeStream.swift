import BSON
import CMongoC
import Foundation
import Synchronization

/// An open change stream (`mongoc_change_stream_t`) on one collection, whose events arrive in `events`,
/// in order.
///
/// It runs on a thread of its own, not on the client's operation threads: a getMore waits up to
/// `maxAwaitTime` for events and the stream lives for as long as it is followed, so it would take an
/// operation thread (and, with it, a share of the pool) forever. It holds one of the client's reserved
/// connections from opening until it is closed.
///
/// libmongoc resumes once by itself after a resumable error (a failover, a dropped connection); any other
/// failure ends `events` with a `MongoError`, and the caller opens a new stream. Ending the iteration
/// (cancelling the task iterating) closes the stream; so does `close()`, which also waits until the
/// connection is back in the pool.
public final class ChangeStream: Sendable {
    /// The change events, after the pipeline. Ends with a `MongoError`, or without one once closed. A
    /// consumer that falls more than `bufferedEvents` behind loses the oldest.
    public let events: AsyncThrowingStream<Document, any Error>
    private let continuation: AsyncThrowingStream<Document, any Error>.Continuation
    private let stopping = Atomic(false)
    private let finished = Mutex(Finished())

    private struct Finished {
        var done = false
        var waiters: [CheckedContinuation<Void, Never>] = []
    }

    static let bufferedEvents = 10_000

    init() {
        (events, continuation) = AsyncThrowingStream.makeStream(of: Document.self, bufferingPolicy: .bufferingNewest(Self.bufferedEvents))
        continuation.onTermination = { [weak self] _ in self?.requestClose() }
    }

    /// Asks the stream to stop; its thread notices within `maxAwaitTime`.
    func requestClose() {
        stopping.store(true, ordering: .relaxed)
    }

    /// Stops the stream and returns once its connection is back in the pool.
    public func close() async {
        requestClose()
        await withCheckedContinuation { (waiter: CheckedContinuation<Void, Never>) in
            let done = finished.withLock { finished in
                if !finished.done { finished.waiters.append(waiter) }
                return finished.done
            }
            if done { waiter.resume() }
        }
    }

    /// Opens the stream on its own thread; returns once the server accepted it, or throws what it said.
    func start(
        pool: ConnectionPool, namespace: Namespace, pipeline: [Document], options: ChangeStreamOptions, uri: MongoURI,
        onFinish: @escaping @Sendable () -> Void
    ) async throws(MongoError) {
        let opening: Result<Void, MongoError> = await withCheckedContinuation { opened in
            let thread = Thread { [self] in
                follow(pool: pool, namespace: namespace, pipeline: pipeline, options: options, uri: uri,
                       opened: opened, onFinish: onFinish)
            }
            thread.name = "change-stream"
            thread.start()
        }
        try opening.get()
    }

    /// The stream's thread: open, read until asked to stop or failed, give the connection back, and only
    /// then report the end (so whoever sees it can count on the connection being free).
    private func follow(
        pool: ConnectionPool, namespace: Namespace, pipeline: [Document], options: ChangeStreamOptions, uri: MongoURI,
        opened: CheckedContinuation<Result<Void, MongoError>, Never>, onFinish: @Sendable () -> Void
    ) {
        var isOpen = false
        let client = pool.pop()
        let failure = Result { () throws(MongoError) in
            try namespace.withCollection(on: client) { collection throws(MongoError) in
                let wrapped: Document = ["pipeline": .array(pipeline.map { .document($0) })]
                // Never NULL: libmongoc reports a refused stream through its error document.
                let stream = wrapped.withBSONPointer { pipeline in
                    options.document.withBSONPointer { options in mongoc_collection_watch(collection, pipeline, options)! }
                }
                defer { mongoc_change_stream_destroy(stream) }
                try Self.check(stream)
                isOpen = true
                opened.resume(returning: .success(()))
                while !stopping.load(ordering: .relaxed) {
                    var event: OpaquePointer?
                    if mongoc_change_stream_next(stream, &event), let event {
                        continuation.yield(Document(copying: event))
                    } else {
                        // No event within maxAwaitTime is not an error: the loop checks `stopping` again.
                        try Self.check(stream)
                    }
                }
            }
        }.mapError { $0.redacting(uri) }
        pool.push(client)
        onFinish()
        switch (isOpen, failure) {
        case (false, .failure(let error)): opened.resume(returning: .failure(error))
        case (false, .success): opened.resume(returning: .failure(MongoError(.clientClosed, "the change stream closed while opening")))
        case (true, .failure(let error)): continuation.finish(throwing: error)
        case (true, .success): continuation.finish()
        }
        let waiters = finished.withLock { finished in
            finished.done = true
            defer { finished.waiters = [] }
            return finished.waiters
        }
        for waiter in waiters { waiter.resume() }
    }

    private static func check(_ stream: OpaquePointer) throws(MongoError) {
        var error = bson_error_t()
        var reply: OpaquePointer?
        // The error document belongs to the stream: copied before the stream goes.
        if mongoc_change_stream_error_document(stream, &error, &reply) {
            throw MongoError(error, reply: reply.map { Document(copying: $0) })
        }
    }
}
