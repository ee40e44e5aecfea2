import BSON
import MongoPool
import Testing

/// A sender's history page reads only that sender's index entries: the `(room_id, sender, seq)` index
/// wins over `(room_id, seq)`, which would step over every other sender's messages.
@Suite("Planner: a sender's history page")
struct SenderPageAccessTests {
    @Test func aSendersPageExaminesAboutNEntries() async throws {
        try await withEngine { engine in
            let ns = engine.namespace("messages")
            try await engine.client.createIndexes([
                IndexModel(keys: ["room_id": 1, "seq": 1], unique: true),
                IndexModel(keys: ["room_id": 1, "sender": 1, "seq": 1]),
            ], in: ns)
            let documents: [Document] = (1...5_000).map { seq in
                ["room_id": "r", "seq": .int64(Int64(seq)), "sender": .string(seq % 50 == 0 ? "rare" : "busy"), "content": "c"]
            }
            _ = try await engine.client.insertMany(documents, into: ns)
            let plan = try await engine.command(["explain": [
                "find": "messages", "filter": ["room_id": "r", "sender": "rare", "seq": ["$lt": .int64(4_000)]],
                "sort": ["seq": -1], "limit": 11,
            ]])
            let scan = plan["queryPlanner"]?.documentValue?["winningPlan"]?.documentValue?["inputStage"]?.documentValue
            #expect(scan?["indexName"] == "room_id_1_sender_1_seq_1")
            #expect(scan?["direction"] == "backward")
            let stats = try #require(plan["executionStats"]?.documentValue)
            #expect(stats["nReturned"]?.integerValue == 11)
            #expect((stats["totalKeysExamined"]?.integerValue ?? .max) <= 12)
            let page = try await engine.client.find(
                ["room_id": "r", "sender": "rare", "seq": ["$lt": .int64(4_000)]], in: ns,
                options: FindOptions(sort: ["seq": -1], limit: 3))
            #expect(page.compactMap { $0["seq"]?.integerValue } == [3_950, 3_900, 3_850])
        }
    }
}
