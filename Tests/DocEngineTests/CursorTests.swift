import BSON
import MongoPool
import Testing

@Suite("Cursors: batches, getMore, killCursors")
struct CursorTests {
    @Test func cursorWalksManyGetMoreBatches() async throws {
        try await withEngine { engine in
            let ns = engine.namespace("c")
            _ = try await engine.client.insertMany((0..<2_500).map { ["i": .int32(Int32($0))] }, into: ns)
            // Through libmongoc's cursor (firstBatch then getMore until id 0).
            let viaClient = try await engine.client.find(in: ns, options: FindOptions(sort: ["i": 1], batchSize: 7))
            #expect(viaClient.compactMap { $0["i"]?.integerValue } == (0..<2_500).map(Int64.init))

            // By hand, checking every reply's shape.
            var reply = try await engine.command(["find": "c", "batchSize": 100])
            var cursor = reply["cursor"]!.documentValue!
            var total = cursor["firstBatch"]!.arrayValue!.count
            #expect(cursor["ns"] == "test.c")
            var batches = 1
            while case .int64(let id) = cursor["id"]!, id != 0 {
                reply = try await engine.command(["getMore": .int64(id), "collection": "c", "batchSize": 100])
                cursor = reply["cursor"]!.documentValue!
                total += cursor["nextBatch"]!.arrayValue!.count
                batches += 1
            }
            #expect(total == 2_500)
            #expect(batches >= 25)
        }
    }

    /// A cursor planned on an index that was not multikey must not return a document once per array
    /// element when such a document is committed while the cursor is open.
    @Test func indexTurningMultikeyUnderAnOpenCursorReturnsEachDocumentOnce() async throws {
        try await withEngine { engine in
            let ns = engine.namespace("m")
            try await engine.client.createIndexes([IndexModel(keys: ["a": 1])], in: ns)
            _ = try await engine.client.insertMany((0..<10).map { ["_id": .int32(Int32($0)), "a": .int32(Int32($0))] }, into: ns)
            var reply = try await engine.command(["find": "m", "filter": ["a": ["$gte": 0]], "sort": ["a": 1], "batchSize": 3])
            var cursor = reply["cursor"]!.documentValue!
            var ids = cursor["firstBatch"]!.arrayValue!.compactMap { $0.documentValue?["_id"] }
            _ = try await engine.client.insert(["_id": "array", "a": [.int32(100), .int32(101), .int32(102)]], into: ns)
            while case .int64(let id) = cursor["id"]!, id != 0 {
                reply = try await engine.command(["getMore": .int64(id), "collection": "m", "batchSize": 2])
                cursor = reply["cursor"]!.documentValue!
                ids += cursor["nextBatch"]!.arrayValue!.compactMap { $0.documentValue?["_id"] }
            }
            #expect(ids.filter { $0 == "array" }.count == 1)
            #expect(ids.count == 11)
        }
    }

    @Test func limitAndBlockingSortAcrossBatches() async throws {
        try await withEngine { engine in
            let ns = engine.namespace("s")
            _ = try await engine.client.insertMany((0..<500).map { ["k": .int32(Int32(($0 * 7919) % 500))] }, into: ns)
            let sorted = try await engine.client.find(in: ns, options: FindOptions(sort: ["k": -1], limit: 120, batchSize: 50))
            #expect(sorted.compactMap { $0["k"]?.integerValue } == (380..<500).reversed().map(Int64.init))
            let all = try await engine.client.find(in: ns, options: FindOptions(sort: ["k": 1], batchSize: 33))
            #expect(all.compactMap { $0["k"]?.integerValue } == (0..<500).map(Int64.init))
        }
    }

    @Test func killCursorsAndUnknownCursors() async throws {
        try await withEngine { engine in
            _ = try await engine.client.insertMany((0..<50).map { ["i": .int32(Int32($0))] }, into: engine.namespace("k"))
            let reply = try await engine.command(["find": "k", "batchSize": 2])
            guard case .int64(let id)? = reply["cursor"]?.documentValue?["id"] else {
                Issue.record("no cursor id")
                return
            }
            #expect(id != 0)
            let killed = try await engine.command(["killCursors": "k", "cursors": [.int64(id), .int64(42)]])
            #expect(killed["cursorsKilled"] == .array([.int64(id)]))
            #expect(killed["cursorsNotFound"] == .array([.int64(42)]))
            let gone = await #expect(throws: MongoError.self) {
                _ = try await engine.command(["getMore": .int64(id), "collection": "k"])
            }
            #expect(gone?.serverCode == 43)
        }
    }
}
