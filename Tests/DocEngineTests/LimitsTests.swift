import BSON
import MongoPool
import Testing

@Suite("Sizes: 16 MiB documents and 100,000-document inserts")
struct LimitsTests {
    @Test func documentsJustUnderAndOver16MiB() async throws {
        try await withEngine { engine in
            let ns = engine.namespace("big")
            // `{_id: int32, s: string}` costs 4 + (1+4+4) + (1+2+4+1) + 1 bytes around the string's content.
            let overhead = 4 + 1 + 4 + 4 + 1 + 2 + 4 + 1 + 1
            let under: Document = ["_id": 1, "s": .string(String(repeating: "a", count: 16 * 1024 * 1024 - overhead))]
            #expect(under.byteCount == 16 * 1024 * 1024)
            _ = try await engine.client.insert(under, into: ns)
            let back = try await engine.client.find(["_id": 1], in: ns)
            #expect(back.first?.byteCount == 16 * 1024 * 1024)

            let over: Document = ["_id": 2, "s": .string(String(repeating: "a", count: 16 * 1024 * 1024 - overhead + 1))]
            await #expect(throws: MongoError.self) { _ = try await engine.client.insert(over, into: ns) }
            // Sent as a raw command body (bypassing the driver's own check), the server refuses it too.
            let raw = try await engine.command(["insert": "big", "documents": [.document(over)]])
            let error = raw["writeErrors"]?.arrayValue?.first?.documentValue
            #expect(error?["code"]?.integerValue == 10334)
            #expect(try await engine.client.find(["_id": 2], in: ns).isEmpty)
        }
    }

    @Test func hundredThousandDocumentInsert() async throws {
        try await withEngine { engine in
            let ns = engine.namespace("many")
            let documents: [Document] = (0..<100_000).map { ["i": .int32(Int32($0)), "room": "r"] }
            let result = try await engine.client.insertMany(documents, into: ns)
            #expect(result.insertedCount == 100_000)
            let count = try await engine.command(["count": "many"])
            #expect(count["n"]?.integerValue == 100_000)
        }
    }
}
