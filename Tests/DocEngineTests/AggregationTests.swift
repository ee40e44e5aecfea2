import BSON
import MongoPool
import Testing

/// Aggregation as drivers use it: counts (from the index when it can), groups with MongoDB's numeric
/// widening, and streaming stages whose results match a reference computed in the test.
@Suite("Aggregation")
struct AggregationTests {
    private func aggregate(_ engine: EngineHarness, _ pipeline: [BSONValue], collection: String = "c") async throws -> [Document] {
        let reply = try await engine.command(["aggregate": .string(collection), "pipeline": .array(pipeline), "cursor": [:]])
        #expect(reply["ok"]?.doubleValue == 1, "\(reply)")
        return reply["cursor"]?.documentValue?["firstBatch"]?.arrayValue?.compactMap(\.documentValue) ?? []
    }

    @Test func sumWidensLikeMongoDB() async throws {
        try await withEngine { engine in
            let ns = engine.namespace("c")
            let documents: [Document] = [
                ["g": "int", "v": .int32(.max)], ["g": "int", "v": .int32(1)],
                ["g": "long", "v": .int64(.max)], ["g": "long", "v": .int64(1)],
                ["g": "small", "v": .int32(2)], ["g": "small", "v": .int32(3)], ["g": "small", "v": "not a number"],
                ["g": "double", "v": .int32(1)], ["g": "double", "v": .double(0.5)],
                ["g": "decimal", "v": .int32(1)], ["g": "decimal", "v": .decimal128(Decimal128("0.25")!)],
                ["g": "decimal", "v": .double(0.5)],
            ]
            _ = try await engine.client.insertMany(documents, into: ns)
            let groups = try await aggregate(engine, [["$group": ["_id": "$g", "s": ["$sum": "$v"], "a": ["$avg": "$v"]]]])
            let byGroup = Dictionary(uniqueKeysWithValues: groups.map { ($0["_id"]!.stringValue!, $0) })
            // int overflow becomes long; long overflow becomes double; small ints stay int.
            #expect(byGroup["int"]?["s"] == .int64(Int64(Int32.max) + 1))
            #expect(byGroup["long"]?["s"] == .double(Double(Int64.max) + 1))
            #expect(byGroup["small"]?["s"] == .int32(5))
            #expect(byGroup["small"]?["a"] == .double(2.5))
            #expect(byGroup["double"]?["s"] == .double(1.5))
            // Any decimal makes the total decimal, with nothing dropped.
            #expect(byGroup["decimal"]?["s"] == .decimal128(Decimal128("1.75")!))
        }
    }

    @Test func countsAgreeWithFindWhetherOrNotAnIndexAnswers() async throws {
        try await withEngine { engine in
            let ns = engine.namespace("c")
            try await engine.client.createIndexes([IndexModel(keys: ["room": 1, "t": 1])], in: ns)
            let documents: [Document] = (0..<3_000).map { i in
                ["room": .string("r\(i % 7)"), "t": .int32(Int32(i)), "odd": .bool(i % 2 == 1)]
            }
            _ = try await engine.client.insertMany(documents, into: ns)
            for filter: Document in [[:], ["room": "r3"], ["room": "r3", "odd": true], ["room": "none"], ["t": ["$gte": 2_990]]] {
                let expected = try await engine.client.find(filter, in: ns).count
                let counted = try await aggregate(engine, [["$match": .document(filter)], ["$group": ["_id": 1, "n": ["$sum": 1]]]])
                #expect(counted.first?["n"]?.integerValue.map(Int.init) == (expected == 0 ? nil : expected), "filter \(filter)")
                let viaCount = try await aggregate(engine, [["$match": .document(filter)], ["$count": "total"]])
                #expect(viaCount.first?["total"]?.integerValue.map(Int.init) == (expected == 0 ? nil : expected), "filter \(filter)")
                // The count command, with and without skip and limit.
                for (skip, limit) in [(0, 0), (5, 0), (0, 7), (2, 4), (10_000, 1)] {
                    let reply = try await engine.command(["count": "c", "query": .document(filter),
                                                          "skip": .int32(Int32(skip)), "limit": .int32(Int32(limit))])
                    let wanted = max(0, min(expected - skip, limit == 0 ? Int.max : limit))
                    #expect(reply["n"]?.integerValue == Int64(wanted), "count \(filter) skip \(skip) limit \(limit)")
                }
            }
        }
    }

    @Test func streamingAndBlockingStagesComposeInOrder() async throws {
        try await withEngine { engine in
            let ns = engine.namespace("c")
            let values = (0..<200).map { ($0 * 37) % 101 }
            _ = try await engine.client.insertMany(values.enumerated().map { ["i": .int32(Int32($0)), "v": .int32(Int32($1))] }, into: ns)
            // A limit before a sort stops the scan early; after a sort it takes the smallest.
            let firstFive = try await aggregate(engine, [["$limit": 5], ["$sort": ["v": 1]]]).map { $0["v"]!.integerValue! }
            #expect(firstFive == values.prefix(5).sorted().map(Int64.init))
            let smallest = try await aggregate(engine, [["$sort": ["v": 1, "i": 1]], ["$skip": 3], ["$limit": 4]]).map { $0["i"]!.integerValue! }
            let reference = values.enumerated().sorted { ($0.element, $0.offset) < ($1.element, $1.offset) }.dropFirst(3).prefix(4).map { Int64($0.offset) }
            #expect(smallest == reference)
            // A group, then a match on its output, then a count.
            let buckets = try await aggregate(engine, [["$group": ["_id": "$v", "n": ["$sum": 1]]], ["$match": ["n": ["$gte": 2]]], ["$count": "c"]])
            let expected = Dictionary(grouping: values, by: { $0 }).values.filter { $0.count >= 2 }.count
            #expect(buckets.first?["c"]?.integerValue == Int64(expected))
        }
    }
}
