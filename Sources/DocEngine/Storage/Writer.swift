import Foundation
import Logging
import Metrics
import NIOCore
import NIOPosix

/// The single writer. Write jobs from any number of callers queue up; one dedicated thread takes
/// everything queued, runs each job in its own savepoint inside one transaction, commits once (one fsync
/// in WAL mode with synchronous=FULL) and only then answers every caller. That is group commit: under
/// concurrency, throughput does not collapse to one sync per insert, and no caller hears "ok" before its
/// write is on disk.
///
/// Failure policy. A job that throws undoes only its own savepoint. If SQLite rolls back the whole
/// transaction mid-batch, the jobs already run are lost and the rest are failed without running: with no
/// transaction open, a later job's SAVEPOINT would start (and its RELEASE commit) a transaction of its
/// own, storing writes its caller is told failed. A `CommitGuard` vetoes every commit but the writer's
/// own, so not even a job that carries on writing after the loss can commit. If COMMIT fails with an I/O
/// error the writer halts for good (PostgreSQL's fsyncgate lesson: after a failed fsync the kernel may
/// have dropped the dirty pages, so a later fsync that succeeds proves nothing). Every queued and later
/// write fails with `WriterError.halted`; reads go on; recovery is a restart, which replays the WAL.
final class Writer: @unchecked Sendable {
    typealias Completion = @Sendable (Error?) -> Void
    private struct Job {
        let perform: (WriteContext) -> Completion
        let fail: @Sendable (Error) -> Void
    }

    private let connection: SQLiteConnection
    private let commitGuard: CommitGuard
    private let published: PublishedCatalog
    private let logger: Logger
    private let metrics: EngineMetrics?
    /// A condition, not a Mutex: the writer thread sleeps on it until work arrives (see Sources/DocEngine/README.md).
    private let condition = NSCondition()
    private var pending: [Job] = []
    private var stopping = false
    private var finished = false
    private var closeWaiters: [CheckedContinuation<Void, Never>] = []
    private var counters = (commits: 0, jobs: 0)
    /// Set once, when a COMMIT fails with an I/O error; never cleared while the process runs.
    private var haltCause: SQLiteError?
    /// Test-only: the next COMMIT fails with this error instead of running, as a failed fsync would.
    private var commitFault: SQLiteError?

    /// Transactions committed and write jobs they carried, so tests can see grouping happen.
    var statistics: (commits: Int, jobs: Int) { condition.withLock { counters } }
    /// Jobs waiting for the next batch, so tests can line jobs up in one batch.
    var queuedJobs: Int { condition.withLock { pending.count } }
    /// The I/O error that halted the writer, if one did.
    var haltedBy: SQLiteError? { condition.withLock { haltCause } }

    /// Test-only: makes the next COMMIT fail with `error` (no filesystem fails an fsync on demand).
    func failNextCommit(with error: SQLiteError) { condition.withLock { commitFault = error } }
    private var catalog: Catalog

    init(connection: SQLiteConnection, catalog: Catalog, published: PublishedCatalog, logger: Logger,
         metrics: EngineMetrics? = nil) {
        self.metrics = metrics
        self.connection = connection
        self.commitGuard = CommitGuard(on: connection)
        self.catalog = catalog
        self.published = published
        self.logger = logger
        let thread = Thread { [self] in self.run() }
        thread.name = "docengine-writer"
        thread.start()
    }

    /// Runs `body` in the next group transaction and returns its result once that transaction is durable.
    /// If `body` throws, only its own changes are rolled back and the error is rethrown to the caller.
    func write<T: Sendable>(_ body: @escaping @Sendable (WriteContext) throws -> T) async throws -> T {
        // The caller's event loop, when it has one: the answer goes back there, where the reply is written,
        // instead of to whichever loop the writer thread would otherwise pick.
        let home = MultiThreadedEventLoopGroup.currentEventLoop
        return try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, Error>) in
            let answer: @Sendable (Result<T, Error>) -> Void = { result in
                guard let home else { return continuation.resume(with: result) }
                home.execute { continuation.resume(with: result) }
            }
            let job = Job(
                perform: { context in
                    do {
                        let value = try context.savepoint { try body(context) }
                        return { commitError in
                            if let commitError { answer(.failure(commitError)) }
                            else { answer(.success(value)) }
                        }
                    } catch {
                        return { _ in answer(.failure(error)) }
                    }
                },
                fail: { answer(.failure($0)) })
            condition.lock()
            if stopping {
                condition.unlock()
                continuation.resume(throwing: EngineStorageError.closed)
                return
            }
            if let haltCause {
                condition.unlock()
                continuation.resume(throwing: WriterError.halted(after: haltCause))
                return
            }
            pending.append(job)
            condition.signal()
            condition.unlock()
        }
    }

    /// Finishes the queued jobs, then stops the thread. Suspends rather than blocks, so no
    /// concurrency-pool thread waits on the disk.
    func close() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            condition.lock()
            if finished {
                condition.unlock()
                continuation.resume()
                return
            }
            stopping = true
            closeWaiters.append(continuation)
            condition.broadcast()
            condition.unlock()
        }
    }

    private func run() {
        while true {
            condition.lock()
            while pending.isEmpty && !stopping { condition.wait() }
            if pending.isEmpty && stopping {
                finished = true
                let waiters = closeWaiters
                closeWaiters.removeAll()
                condition.unlock()
                waiters.forEach { $0.resume() }
                return
            }
            let batch = pending
            pending.removeAll(keepingCapacity: true)
            if let haltCause {
                condition.unlock()
                for job in batch { job.fail(WriterError.halted(after: haltCause)) }
                continue
            }
            counters.commits += 1
            counters.jobs += batch.count
            let fault = commitFault
            commitFault = nil
            condition.unlock()
            runBatch(batch, commitFault: fault)
        }
    }

    private func runBatch(_ batch: [Job], commitFault: SQLiteError?) {
        let start = ContinuousClock.now
        do {
            try connection.execute("BEGIN IMMEDIATE")
        } catch {
            logger.error("cannot begin write transaction", metadata: ["error": "\(error)"])
            for job in batch { job.fail(error) }
            return
        }
        let context = WriteContext(connection: connection, catalog: catalog)
        var completions: [Completion] = []
        completions.reserveCapacity(batch.count)
        for job in batch {
            completions.append(job.perform(context))
            if connection.isAutocommit {
                // The transaction is gone: everything so far is undone, and running on would commit each
                // later job on its own (see the failure policy above).
                let lost = WriterError.transactionRolledBack(
                    job: completions.count, batch: batch.count, sqliteCode: connection.lastErrorCode)
                logger.error("SQLite rolled back the group transaction", metadata: ["error": "\(lost)"])
                for completion in completions { completion(lost) }
                for job in batch.dropFirst(completions.count) { job.fail(lost) }
                reloadAfterRollback()
                return
            }
        }
        var commitError: Error?
        do {
            connection.resetAllStatements()
            if let poisoned = context.poisoned { throw poisoned }
            try commit(fault: commitFault)
            let committed = ContinuousClock.now
            catalog = context.catalog
            published.publish(catalog)
            // After publishing: the batch's visibility does not wait on metrics.
            metrics?.batchSize.record(batch.count)
            metrics?.commitDuration.record(duration: committed - start)
        } catch let error as CommitIOError {
            commitError = WriterError.commitFailed(error.cause)
            halt(after: error.cause)
            try? connection.execute("ROLLBACK")
            reloadAfterRollback()
        } catch {
            commitError = error
            logger.error("group commit failed; rolling back", metadata: ["error": "\(error)"])
            try? connection.execute("ROLLBACK")
            reloadAfterRollback()
        }
        for completion in completions { completion(commitError) }
    }

    /// A COMMIT that failed in the disk rather than in SQL; only these halt the writer.
    private struct CommitIOError: Error { let cause: SQLiteError }

    private func commit(fault: SQLiteError?) throws {
        do {
            if let fault { throw fault }
            try commitGuard.allowingCommit { try connection.execute("COMMIT") }
        } catch let error as SQLiteError where error.isIOError {
            throw CommitIOError(cause: error)
        }
    }

    /// Stops accepting writes for good and fails what is queued; logged once, here.
    private func halt(after error: SQLiteError) {
        logger.critical("""
            COMMIT failed with an I/O error; the document engine accepts no more writes until it is \
            restarted (a later fsync could not prove the data durable). Reads continue.
            """, metadata: ["error": "\(error)"])
        condition.lock()
        haltCause = error
        let queued = pending
        pending.removeAll()
        condition.unlock()
        for job in queued { job.fail(WriterError.halted(after: error)) }
    }

    private func reloadAfterRollback() {
        connection.clearStatementCache()
        if let reloaded = try? CatalogLoader.load(from: connection) { catalog = reloaded }
    }
}
