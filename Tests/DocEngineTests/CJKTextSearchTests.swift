import BSON
@testable import DocEngine
import MongoPool
import Testing

/// `$text` over Chinese, Japanese and Korean: each character is indexed as a word, so text is found by
/// its characters (ORed as any words are) and a phrase finds the exact run.
@Suite("CJK text search")
struct CJKTextSearchTests {
    @Test func charactersAreSearchTermsAndPhrasesAreRuns() async throws {
        try await withEngine { engine in
            let ns = engine.namespace("m")
            try await engine.client.createIndexes([IndexModel(keys: ["content": "text"])], in: ns)
            _ = try await engine.client.insertMany([
                ["_id": 1, "content": "東京タワーに行きました"], ["_id": 2, "content": "京都の東にある寺"],
                ["_id": 3, "content": "서울에서 만나요"], ["_id": 4, "content": "Tokyo tower"],
            ], into: ns)
            func ids(_ search: String) async throws -> [Int64] {
                try await engine.client.find(["$text": ["$search": .string(search)]], in: ns, options: FindOptions(sort: ["_id": 1]))
                    .compactMap { $0["_id"]?.integerValue }
            }
            #expect(try await ids("東") == [1, 2])
            #expect(try await ids("東京") == [1, 2])
            #expect(try await ids("\"東京\"") == [1])
            #expect(try await ids("서울") == [3])
            #expect(try await ids("東 -寺") == [1])
        }
    }
}
