import BSON
import MongoPool
import Testing

/// `$in` on an indexed field reads one index interval per value instead of scanning the collection, and
/// still answers exactly what a scan would: no document twice, sorts and getMore across the intervals.
@Suite("Planner: $in as index points")
struct MembershipIndexScanTests {
    /// 20,000 documents, `k` = i % 1,000 (every 50th document has no `k`), `v` = i.
    private static func load(_ engine: EngineHarness, index: Document = ["k": 1]) async throws -> MongoPool.Namespace {
        let ns = engine.namespace("points")
        try await engine.client.createIndexes([IndexModel(keys: index)], in: ns)
        let documents: [Document] = (0..<20_000).map { i in
            var document: Document = ["_id": .int32(Int32(i)), "room": i % 2 == 0 ? "a" : "b", "v": .int32(Int32(i))]
            if i % 50 != 7 { document.append("k", .int32(Int32(i % 1_000))) }
            return document
        }
        _ = try await engine.client.insertMany(documents, into: ns)
        return ns
    }

    private static func expectedIDs(_ keys: Set<Int>, room: String? = nil) -> [Int] {
        (0..<20_000).filter { i in
            i % 50 != 7 && keys.contains(i % 1_000) && (room == nil || (i % 2 == 0 ? "a" : "b") == room)
        }
    }

    @Test func readsOnlyTheListedKeysAndNothingTwice() async throws {
        try await withEngine { engine in
            let ns = try await Self.load(engine)
            // 5 and 5.0 are one index key: their documents must come once.
            let filter: Document = ["k": ["$in": [.int32(999), .int32(5), .double(5.0), .int64(17), "x"]]]
            let found = try await engine.client.find(filter, in: ns)
            let ids = found.compactMap { int($0["_id"]) }
            #expect(ids.count == Set(ids).count)
            #expect(Set(ids) == Set(Self.expectedIDs([5, 17, 999])))

            let plan = try await engine.command(["explain": ["find": "points", "filter": .document(filter)]])
            let scan = plan["queryPlanner"]?.documentValue?["winningPlan"]?.documentValue?["inputStage"]?.documentValue
            #expect(scan?["stage"] == "IXSCAN")
            #expect(scan?["indexName"] == "k_1")
            let stats = plan["executionStats"]?.documentValue
            #expect(int(stats?["totalKeysExamined"]) == ids.count)
        }
    }

    @Test func sortedByTheListedFieldAcrossGetMores() async throws {
        try await withEngine { engine in
            let ns = try await Self.load(engine)
            let keys = [640, 3, 77, 999, 0]
            let filter: Document = ["k": ["$in": .array(keys.map { .int32(Int32($0)) })]]
            for direction: Int32 in [1, -1] {
                // A batch size that ends batches inside intervals and on their edges.
                let found = try await engine.client.find(
                    filter, in: ns, options: FindOptions(sort: ["k": .int32(direction), "_id": .int32(direction)], batchSize: 7))
                let pairs = found.map { (int($0["k"]) ?? -1, int($0["_id"]) ?? -1) }
                let expected = Self.expectedIDs(Set(keys)).map { ($0 % 1_000, $0) }
                    .sorted { direction == 1 ? ($0.0, $0.1) < ($1.0, $1.1) : ($0.0, $0.1) > ($1.0, $1.1) }
                #expect(pairs.map(\.0) == expected.map(\.0))
                #expect(pairs.map(\.1) == expected.map(\.1))
            }
            let plan = try await engine.command([
                "explain": ["find": "points", "filter": .document(filter), "sort": ["k": -1]],
            ])
            let winning = plan["queryPlanner"]?.documentValue?["winningPlan"]?.documentValue
            #expect(winning?["stage"] == "FETCH", "the walk gives the order: no SORT stage")
            #expect(winning?["inputStage"]?.documentValue?["direction"] == "backward")
        }
    }

    @Test func afterAnEqualityPrefixOnACompoundIndex() async throws {
        try await withEngine { engine in
            let ns = try await Self.load(engine, index: ["room": 1, "k": 1])
            let filter: Document = ["room": "b", "k": ["$in": [.int32(1), .int32(2), .int32(3), .int32(501)]]]
            let found = try await engine.client.find(filter, in: ns, options: FindOptions(limit: 1_000))
            let ids = Set(found.compactMap { int($0["_id"]) })
            #expect(ids == Set(Self.expectedIDs([1, 2, 3, 501], room: "b")))
            let plan = try await engine.command(["explain": ["find": "points", "filter": .document(filter)]])
            let stats = plan["executionStats"]?.documentValue
            #expect(int(stats?["totalKeysExamined"]) == ids.count)
        }
    }

    @Test func nullMatchesMissingFieldsAsAScanWould() async throws {
        try await withEngine { engine in
            let ns = try await Self.load(engine)
            let found = try await engine.client.find(["k": ["$in": [.null, .int32(8)]]], in: ns)
            let ids = Set(found.compactMap { int($0["_id"]) })
            let missing = Set((0..<20_000).filter { $0 % 50 == 7 })
            #expect(ids == missing.union(Self.expectedIDs([8])))
        }
    }

    @Test func updatesAndDeletesFindTheirDocumentsThroughThePoints() async throws {
        try await withEngine { engine in
            let ns = try await Self.load(engine)
            let filter: Document = ["k": ["$in": [.int32(10), .int32(20)]]]
            let updated = try await engine.client.updateMany(filter, ["$set": ["k": .int32(30)]], in: ns)
            #expect(updated.matchedCount == Self.expectedIDs([10, 20]).count)
            let deleted = try await engine.client.delete(["k": ["$in": [.int32(30)]]], many: true, in: ns)
            #expect(deleted == Self.expectedIDs([10, 20, 30]).count)
            #expect(try await engine.client.find(["k": ["$in": [.int32(10), .int32(20), .int32(30)]]], in: ns).isEmpty)
        }
    }
}

private func int(_ value: BSONValue?) -> Int? { value?.integerValue.map { Int($0) } }

@Suite("Planner: $in on a partial index")
struct MembershipPartialIndexTests {
    /// msgsvc's client_id index is partial (`client_id` exists); an import looks up a batch's client_ids
    /// with `$in`, which must use it rather than scan the room.
    @Test func anInOfNonNullValuesUsesAnExistsPartialIndex() async throws {
        try await withEngine { engine in
            let ns = engine.namespace("partial")
            try await engine.client.createIndexes(
                [IndexModel(keys: ["room": 1, "cid": 1], unique: true, partialFilterExpression: ["cid": ["$exists": true]])], in: ns)
            let documents: [Document] = (0..<5_000).map { i in
                i % 3 == 0 ? ["room": "r", "n": .int32(Int32(i))] : ["room": "r", "cid": .string("c\(i)"), "n": .int32(Int32(i))]
            }
            _ = try await engine.client.insertMany(documents, into: ns)
            let filter: Document = ["room": "r", "cid": ["$in": ["c1", "c2", "c4", "nope"]]]
            let found = try await engine.client.find(filter, in: ns)
            #expect(Set(found.compactMap { $0["cid"]?.stringValue }) == ["c1", "c2", "c4"])
            let plan = try await engine.command(["explain": ["find": "partial", "filter": .document(filter)]])
            let scan = plan["queryPlanner"]?.documentValue?["winningPlan"]?.documentValue?["inputStage"]?.documentValue
            #expect(scan?["indexName"] == "room_1_cid_1")
            // With null in the list, documents without cid match too: the partial index cannot answer it.
            let withNull = try await engine.client.find(["room": "r", "cid": ["$in": [.null, "c1"]]], in: ns)
            #expect(withNull.count == 1 + (0..<5_000).filter { $0 % 3 == 0 }.count)
        }
    }
}
