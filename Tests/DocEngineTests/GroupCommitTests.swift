import BSON
@testable import DocEngine
import Foundation
import Logging
import MongoPool
import EngineQuery
import Testing

@Suite("Storage: group commit and cursor expiry")
struct GroupCommitTests {
    @Test func concurrentWritersShareCommits() async throws {
        try await withEngine { engine in
            let ns = engine.namespace("g")
            let before = engine.engine.store.writer.statistics
            try await withThrowingTaskGroup(of: Void.self) { group in
                for i in 0..<400 {
                    group.addTask { _ = try await engine.client.insert(["i": .int32(Int32(i))], into: ns) }
                }
                try await group.waitForAll()
            }
            let after = engine.engine.store.writer.statistics
            let commits = after.commits - before.commits
            let jobs = after.jobs - before.jobs
            print("group commit: \(jobs) write jobs in \(commits) transactions")
            #expect(jobs >= 400)
            // Eight pooled connections write at once, so transactions must carry several jobs each.
            #expect(commits < jobs)
            let count = try await engine.command(["count": "g"])
            #expect(count["n"]?.integerValue == 400)
        }
    }

    @Test func idleCursorsExpire() async throws {
        let registry = CursorRegistry(idleTimeout: .milliseconds(50))
        let namespace = DocEngine.CollectionNamespace(database: "d", collection: "c")
        let id = try registry.register(namespace, source: .buffered([["x": 1]]))
        #expect(registry.openCount == 1)
        try await Task.sleep(for: .milliseconds(120))
        let error = #expect(throws: EngineError.self) { _ = try registry.checkOut(id, namespace: namespace) }
        #expect(error?.code == 43)
        #expect(registry.openCount == 0)
    }

    @Test func idleCursorsExpireOnATimerWithoutBeingTouched() async throws {
        let registry = CursorRegistry(idleTimeout: .milliseconds(50))
        registry.startSweeping(every: .milliseconds(10))
        defer { registry.stopSweeping() }
        let namespace = DocEngine.CollectionNamespace(database: "d", collection: "c")
        _ = try registry.register(namespace, source: .buffered([["x": 1]]))
        #expect(registry.heldBytes > 0)
        for _ in 0..<200 where registry.openCount > 0 { try await Task.sleep(for: .milliseconds(20)) }
        #expect(registry.openCount == 0)
        #expect(registry.heldBytes == 0)
    }

    @Test func bufferedResultsAreBoundedAcrossCursors() throws {
        let namespace = DocEngine.CollectionNamespace(database: "d", collection: "c")
        let batch: [Document] = (0..<4).map { ["i": .int32(Int32($0)), "pad": .string(String(repeating: "x", count: 100))] }
        let size = batch.reduce(0) { $0 + $1.byteCount }
        let registry = CursorRegistry(maxBufferedBytes: 2 * size)
        let first = try registry.register(namespace, source: .buffered(batch))
        let second = try registry.register(namespace, source: .buffered(batch))
        let refused = #expect(throws: EngineError.self) { _ = try registry.register(namespace, source: .buffered(batch)) }
        #expect(refused?.code == 146)
        // A getMore that takes part of a result frees what it sent; killing a cursor frees the rest.
        _ = try registry.checkOut(first, namespace: namespace)
        registry.checkIn(first, source: .buffered(Array(batch.dropFirst(2))))
        #expect(registry.heldBytes < 2 * size)
        _ = registry.kill([first, second])
        #expect(registry.heldBytes == 0)
        _ = try registry.register(namespace, source: .buffered(batch))
    }

    @Test func openCursorsAreBounded() throws {
        let registry = CursorRegistry(maxOpen: 3)
        let namespace = DocEngine.CollectionNamespace(database: "d", collection: "c")
        for _ in 0..<3 { _ = try registry.register(namespace, source: .buffered([])) }
        #expect(throws: (any Error).self) { _ = try registry.register(namespace, source: .buffered([])) }
    }
}

