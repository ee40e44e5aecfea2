import BSON
import MongoPool
import Testing

/// A prefix-anchored regex on an indexed field reads only the index range of its literal prefix, and
/// finds exactly what a collection scan finds.
@Suite("Prefix regexes use the index")
struct RegexPrefixIndexTests {
    private static let names = ["ab", "abc", "abd", "aBc", "a.c", "ac", "b", "abc\u{0}x", "a\u{2E}\u{487}c", "", "azz", "ab\nq"]

    @Test func boundsHoldOnlyThePrefixAndMatchLikeAScan() async throws {
        try await withEngine { engine in
            let documents: [BSONValue] = Self.names.enumerated().map { .document(["_id": .int32(Int32($0.offset)), "name": .string($0.element)]) }
            _ = try await engine.command(["insert": "indexed", "documents": .array(documents)])
            _ = try await engine.command(["insert": "plain", "documents": .array(documents)])
            _ = try await engine.command(["createIndexes": "indexed", "indexes": [["key": ["name": 1], "name": "name_1"]]])

            for (pattern, options) in [("^ab", ""), ("^abc", ""), ("^ab*", ""), ("^a.c", ""), ("^ab", "i"),
                                       ("^ab$", "m"), ("^a|b", ""), ("\\Aab", ""), ("^a[bc]", ""), ("^ab", "s")] {
                let filter: Document = ["name": ["$regex": .string(pattern), "$options": .string(options)]]
                let viaIndex = try await ids(engine, "indexed", filter)
                let viaScan = try await ids(engine, "plain", filter)
                #expect(viaIndex == viaScan, "pattern \(pattern.debugDescription) /\(options)")
            }

            let explained = try await engine.command(["explain": ["find": "indexed", "filter": ["name": ["$regex": "^ab"]]]])
            let plan = explained["queryPlanner"]?.documentValue?["winningPlan"]?.documentValue
            #expect(plan?["inputStage"]?.documentValue?["indexName"] == "name_1")
            // ab, abc, abd, abc\0x, ab\nq: the keys starting with "ab", and nothing else.
            #expect(explained["executionStats"]?.documentValue?["totalKeysExamined"]?.integerValue == 5)
        }
    }

    private func ids(_ engine: EngineHarness, _ collection: String, _ filter: Document) async throws -> [Int64] {
        let reply = try await engine.command(["find": .string(collection), "filter": .document(filter), "sort": ["_id": 1]])
        return (reply["cursor"]?.documentValue?["firstBatch"]?.arrayValue ?? []).compactMap { $0.documentValue?["_id"]?.integerValue }
    }
}
