import BSON
import MongoPool
import Testing

/// Issue #9, item 5: numeric options come from the client, so extreme values must produce MongoDB's error
/// reply (or a correct answer), never a trap that takes the whole engine down.
@Suite("Commands: extreme numeric options")
struct NumericOptionTests {
    @Test func countLimitOfMinLongIsBadValue() async throws {
        try await withEngine { engine in
            _ = try await engine.client.insert(["x": 1], into: engine.namespace("n"))
            let error = await #expect(throws: MongoError.self) {
                _ = try await engine.command(["count": "n", "limit": .int64(.min)])
            }
            #expect(error?.serverCode == 2)
            // The engine is still up and answers normally.
            let count = try await engine.command(["count": "n", "limit": .int64(-1)])
            #expect(count["n"]?.integerValue == 1)
        }
    }

    @Test func countSkipPlusLimitOverflowCounts() async throws {
        try await withEngine { engine in
            let ns = engine.namespace("n")
            for i in 0..<3 { _ = try await engine.client.insert(["i": .int32(Int32(i))], into: ns) }
            let huge = try await engine.command(["count": "n", "skip": 1, "limit": .int64(.max)])
            #expect(huge["n"]?.integerValue == 2)
            let both = try await engine.command(["count": "n", "skip": .int64(.max), "limit": .int64(.max)])
            #expect(both["n"]?.integerValue == 0)
            let negated = try await engine.command(["count": "n", "skip": 1, "limit": .int64(.min + 1)])
            #expect(negated["n"]?.integerValue == 2)
        }
    }

    @Test func findHugeSkipAndLimitWithUnindexedSort() async throws {
        try await withEngine { engine in
            let ns = engine.namespace("n")
            for i in 0..<3 { _ = try await engine.client.insert(["i": .int32(Int32(i))], into: ns) }
            let none = try await engine.command([
                "find": "n", "sort": ["i": 1], "skip": .int64(.max), "limit": .int64(.max),
            ])
            #expect(none["cursor"]?.documentValue?["firstBatch"]?.arrayValue?.isEmpty == true)
            let some = try await engine.command([
                "find": "n", "sort": ["i": -1], "skip": 1, "limit": .int64(.max),
            ])
            let values = some["cursor"]?.documentValue?["firstBatch"]?.arrayValue?
                .compactMap { $0.documentValue?["i"]?.integerValue }
            #expect(values == [1, 0])
        }
    }

    @Test(arguments: ["limit", "skip", "batchSize"])
    func findRejectsOutOfRangeNumbers(_ option: String) async throws {
        try await withEngine { engine in
            _ = try await engine.client.insert(["x": 1], into: engine.namespace("n"))
            let cases: [(BSONValue, Int64)] = [
                (.int64(.min), 51024), (.int32(.min), 51024), (.int32(-1), 51024), (.double(-1), 51024),
                (.double(1e300), 9), (.double(-1e300), 9), (.double(.nan), 9), (.double(0x1p63), 9),
                (.double(.infinity), 9), (.double(-.infinity), 9), (.double(0.5), 9), (.string("1"), 14),
            ]
            for (value, code) in cases {
                let error = await #expect(throws: MongoError.self, "\(option): \(value)") {
                    _ = try await engine.command(["find": "n", "sort": ["x": 1], option: value])
                }
                #expect(error?.serverCode == code, "\(option): \(value)")
            }
            for value in [BSONValue.int64(.max), .double(0x1p62), .double(-0.0), .int32(.max)] {
                let ok = try await engine.command(["find": "n", option: value])
                #expect(ok["ok"]?.doubleValue == 1, "\(option): \(value)")
            }
        }
    }

    @Test func getMoreRejectsNegativeBatchSize() async throws {
        try await withEngine { engine in
            let ns = engine.namespace("n")
            for i in 0..<3 { _ = try await engine.client.insert(["i": .int32(Int32(i))], into: ns) }
            let first = try await engine.command(["find": "n", "batchSize": 1])
            guard let id = first["cursor"]?.documentValue?["id"] else { Issue.record("no cursor"); return }
            for value in [BSONValue.int64(.min), .int32(-1), .double(-.infinity)] {
                let error = await #expect(throws: MongoError.self) {
                    _ = try await engine.command(["getMore": id, "collection": "n", "batchSize": value])
                }
                #expect(error != nil)
            }
            let rest = try await engine.command(["getMore": id, "collection": "n", "batchSize": .int64(.max)])
            #expect(rest["cursor"]?.documentValue?["nextBatch"]?.arrayValue?.count == 2)
        }
    }

    /// The fuzz seed's sweep: every extreme value in every numeric position of aggregate and explain. Each
    /// command may succeed or fail, but the engine must answer all of them.
    @Test func aggregateAndExplainAnswerEveryExtreme() async throws {
        try await withEngine { engine in
            let ns = engine.namespace("n")
            for i in 0..<3 { _ = try await engine.client.insert(["x": .int32(Int32(i))], into: ns) }
            let values: [BSONValue] = [
                .int64(.min), .int64(.max), .int32(.min), .int32(.max), .int32(-1), .double(.nan),
                .double(.infinity), .double(-.infinity), .double(1e300), .double(9.3e18), .double(-0.0),
            ]
            for value in values {
                let commands: [Document] = [
                    ["aggregate": "n", "pipeline": [["$sort": ["x": 1]], ["$skip": value], ["$limit": value]],
                     "cursor": ["batchSize": value]],
                    ["explain": ["find": "n", "sort": ["x": 1], "skip": value, "limit": value, "batchSize": value]],
                ]
                for command in commands { _ = try? await engine.command(command) }
            }
            let ping = try await engine.command(["ping": 1])
            #expect(ping["ok"]?.doubleValue == 1)
        }
    }
}
