@testable import DocEngine
import BSON
import MongoPool
import Testing

/// A full disk is the client's "out of disk space" (MongoDB's OutOfDiskSpace, 14031), not an internal
/// error; nothing acknowledged is lost, reads go on, and writes work again once there is room.
@Suite("Storage: a full disk")
struct DiskFullTests {
    @Test func writesAreRefusedAsOutOfDiskSpaceAndResumeWithRoom() async throws {
        try await withEngine { engine in
            let ns = engine.namespace("full")
            _ = try await engine.client.insert(["_id": 0, "pad": "first"], into: ns)
            // Cap the database at its current size plus a little: SQLite answers SQLITE_FULL beyond it,
            // as it does when the filesystem itself is full.
            let pages = try await engine.engine.store.write { context -> Int64 in
                let count = try context.connection.statement("PRAGMA page_count")
                _ = try count.step()
                let pages = count.int64(0)
                try context.connection.execute("PRAGMA max_page_count=\(pages + 8)")
                return pages
            }
            #expect(pages > 0)
            let pad = String(repeating: "x", count: 2_000)
            var stored = 1
            var refusal: MongoError?
            for i in 1...200 {
                do {
                    _ = try await engine.client.insert(["_id": .int32(Int32(i)), "pad": .string(pad)], into: ns)
                    stored += 1
                } catch let error as MongoError {
                    refusal = error
                    break
                }
            }
            let error = try #require(refusal, "the capped store never filled up")
            #expect(error.isOutOfDiskSpace, "\(error)")
            #expect(!error.isDuplicateKey)
            // Reads go on, and every acknowledged document is there.
            #expect(try await engine.client.find(in: ns).count == stored)
            // With room again, writes resume.
            _ = try await engine.engine.store.write { context in
                try context.connection.execute("PRAGMA max_page_count=1073741823")
            }
            _ = try await engine.client.insert(["_id": -1, "pad": "after"], into: ns)
            #expect(try await engine.client.find(in: ns).count == stored + 1)
        }
    }
}
