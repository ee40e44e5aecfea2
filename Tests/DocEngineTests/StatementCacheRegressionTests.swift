import BSON
import CSQLite
import Testing

/// FuzzCommands slowed from about 1,500 inputs a second to under 100 within minutes, its memory growing
/// throughout: each input creates and drops collections, every new collection or index is a new table, and
/// each connection kept a prepared statement for every table it had ever used, dropped ones included, and
/// reset all of them on every read and commit. Creating and dropping collections must not make the
/// engine's SQLite memory grow.
@Suite("Dropped collections leave no prepared statements behind")
struct StatementCacheRegressionTests {
    /// SQLite's heap less its page cache: the page cache is bounded by `cache_size` and may still be filling
    /// during the test; prepared statements and schema are what must not grow.
    private func memoryOutsidePageCache() -> Int64 {
        var pageCache: Int64 = 0
        var highwater: Int64 = 0
        sqlite3_status64(SQLITE_STATUS_PAGECACHE_OVERFLOW, &pageCache, &highwater, 0)
        return sqlite3_memory_used() - pageCache
    }

    @Test func collectionChurnKeepsSQLiteMemoryFlat() async throws {
        try await withEngine { engine in
            let namespace = engine.namespace("churn")
            func cycle() async throws {
                _ = try await engine.client.insert(["_id": 1, "x": 1], into: namespace)
                _ = try await engine.command(["createIndexes": "churn", "indexes": [["key": ["x": 1], "name": "x_1"]]])
                _ = try await engine.client.find(["x": 1], in: namespace)
                _ = try await engine.command(["drop": "churn"])
            }
            // Warm up first, so caches that are bounded have filled.
            for _ in 0..<40 { try await cycle() }
            let before = memoryOutsidePageCache()
            for _ in 0..<200 { try await cycle() }
            let grown = memoryOutsidePageCache() - before
            #expect(grown < 1_000_000, "SQLite memory grew by \(grown) bytes over 200 create/index/find/drop cycles")
        }
    }
}
