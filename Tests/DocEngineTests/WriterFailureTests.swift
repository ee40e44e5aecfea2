import BSON
import CSQLite
@testable import DocEngine
import Dispatch
import EngineQuery
import Foundation
import MongoPool
import Testing

/// Issue #9, items 1 and 2: what the writer tells each caller after SQLite loses the group transaction
/// or a COMMIT fails in the disk.
@Suite("Storage: writer failures")
struct WriterFailureTests {
    /// Lines jobs up in one batch: the first job holds the writer thread until `open()`, and every job
    /// submitted meanwhile waits in the queue in submission order.
    final class Gate: @unchecked Sendable {
        let entered = DispatchSemaphore(value: 0)
        let release = DispatchSemaphore(value: 0)
        func hold() { entered.signal(); release.wait() }
        func waitUntilHeld() async { await Task.detached { self.entered.wait() }.value }
        func open() { release.signal() }
    }

    static func submit(_ store: DocumentStore, queuedBefore: Int,
                       _ body: @escaping @Sendable (WriteContext) throws -> Void) async -> Task<Bool, Never> {
        let task = Task { (try? await store.write(body)) != nil }
        while store.writer.queuedJobs <= queuedBefore { try? await Task.sleep(for: .milliseconds(1)) }
        return task
    }

    static func succeeds(_ store: DocumentStore, _ body: @escaping @Sendable (WriteContext) throws -> Void) async -> Bool {
        (try? await store.write(body)) != nil
    }

    @Test func transactionLostMidBatchTellsEveryCallerTheTruth() async throws {
        try await withEngine { engine in
            let store = engine.engine.store
            let namespace = DocEngine.CollectionNamespace(database: "test", collection: "w")
            _ = try await store.write { try $0.createCollection(namespace) }

            let gate = Gate()
            let holder = Task { try await store.write { _ in gate.hold() } }
            await gate.waitUntilHeld()
            // Batch: insert 1, a job during which SQLite drops the whole transaction, insert 3, insert 4.
            var jobs: [(id: Int32?, task: Task<Bool, Never>)] = []
            for (position, id) in [Int32(1), -1, 3, 4].enumerated() {
                let task = await Self.submit(store, queuedBefore: position) { context in
                    if id < 0 {
                        // What SQLITE_FULL or SQLITE_IOERR in a cache spill can do: roll back everything.
                        try context.connection.execute("ROLLBACK")
                    } else {
                        try context.insert(["_id": .int32(id)], into: namespace)
                    }
                }
                jobs.append((id < 0 ? nil : id, task))
            }
            gate.open()
            try await holder.value

            let stored = Set(try await engine.client.find([:], in: engine.namespace("w"))
                .compactMap { $0["_id"]?.integerValue })
            for (id, task) in jobs {
                let toldOK = await task.value
                guard let id else { #expect(!toldOK); continue }
                #expect(toldOK == stored.contains(Int64(id)), "job \(id): told ok \(toldOK), stored \(stored)")
            }
            #expect(stored.isEmpty)
            // Losing a transaction is not a disk failure: the writer goes on.
            try await store.write { try $0.insert(["_id": 5], into: namespace) }
            #expect(try await engine.client.find(["_id": 5], in: engine.namespace("w")).count == 1)
            #expect(store.writer.haltedBy == nil)
        }
    }

    @Test func jobWritingOnAfterTheLossCannotCommit() async throws {
        try await withEngine { engine in
            let store = engine.engine.store
            let namespace = DocEngine.CollectionNamespace(database: "test", collection: "w")
            _ = try await store.write { try $0.createCollection(namespace) }
            // A job that ignores the loss and keeps writing: with no transaction open, each statement would
            // commit on its own, and a savepoint's RELEASE would commit too.
            let toldOK = await Self.succeeds(store) { context in
                try context.connection.execute("ROLLBACK")
                try? context.insert(["_id": 1], into: namespace)
                try? context.savepoint { try context.insert(["_id": 2], into: namespace) }
            }
            let stored = try await engine.client.find([:], in: engine.namespace("w"))
            #expect(!toldOK)
            #expect(stored.isEmpty, "stored \(stored) although the job was told it failed")
            // Commits the writer makes itself still go through.
            try await store.write { try $0.insert(["_id": 3], into: namespace) }
            #expect(try await engine.client.find([:], in: engine.namespace("w")).count == 1)
        }
    }

    @Test func failedCommitFsyncHaltsWritesButNotReads() async throws {
        try await withEngine { engine in
            let ns = engine.namespace("h")
            _ = try await engine.client.insert(["_id": 1], into: ns)

            store(engine).writer.failNextCommit(
                with: SQLiteError(code: SQLITE_IOERR | (4 << 8), message: "disk I/O error", context: "COMMIT"))
            let failed = await #expect(throws: MongoError.self) {
                _ = try await engine.client.insert(["_id": 2], into: ns)
            }
            #expect(failed?.serverCode == 1)
            #expect(failed?.message.contains("unknown") == true)
            #expect(store(engine).writer.haltedBy?.code == SQLITE_IOERR | (4 << 8))

            // Every later write is refused, however it arrives, and nothing more is stored.
            for id: Int32 in 3...5 {
                let halted = await #expect(throws: MongoError.self) {
                    _ = try await engine.client.insert(["_id": .int32(id)], into: ns)
                }
                #expect(halted?.serverCode == 1)
                #expect(halted?.message.contains("stopped accepting writes") == true)
            }
            await #expect(throws: WriterError.self) {
                try await store(engine).write { try $0.createCollection(.init(database: "test", collection: "x")) }
            }
            // Reads go on.
            let documents = try await engine.client.find([:], in: ns)
            #expect(documents.compactMap { $0["_id"]?.integerValue } == [1])
        }
    }

    @Test func haltIsLoggedOnceNotPerWrite() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("docengine-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let counter = CriticalLogCounter()
        let store = try DocumentStore(directory: directory, logger: counter.makeLogger())
        let namespace = DocEngine.CollectionNamespace(database: "test", collection: "l")
        _ = try await store.write { try $0.createCollection(namespace) }
        store.writer.failNextCommit(
            with: SQLiteError(code: SQLITE_IOERR | (4 << 8), message: "disk I/O error", context: "COMMIT"))
        for id: Int32 in 1...5 {
            await #expect(throws: WriterError.self) {
                try await store.write { try $0.insert(["_id": .int32(id)], into: namespace) }
            }
        }
        #expect(counter.count(.critical) == 1)
        #expect(counter.count(.error) == 0)
        // A halted store still closes cleanly.
        await store.close()
    }

    @Test func queuedWritesFailWhenTheCommitBeforeThemFails() async throws {
        try await withEngine { engine in
            let store = engine.engine.store
            let namespace = DocEngine.CollectionNamespace(database: "test", collection: "q")
            _ = try await store.write { try $0.createCollection(namespace) }
            let gate = Gate()
            store.writer.failNextCommit(
                with: SQLiteError(code: SQLITE_IOERR | (4 << 8), message: "disk I/O error", context: "COMMIT"))
            let holder = Task { try await store.write { _ in gate.hold() } }
            await gate.waitUntilHeld()
            let queued = await Self.submit(store, queuedBefore: 0) { try $0.insert(["_id": 1], into: namespace) }
            gate.open()
            await #expect(throws: WriterError.self) { try await holder.value }
            #expect(await queued.value == false)
            #expect(try await engine.client.find([:], in: engine.namespace("q")).isEmpty)
        }
    }

    private func store(_ engine: EngineHarness) -> DocumentStore { engine.engine.store }
}
