import BSON
import MongoPool
import Testing

/// The service's history query must touch about N index entries however large the room.
@Suite("Planner: the service's access pattern on a compound index")
struct PlannerTests {
    @Test func historyPageOnAHundredThousandMessageRoomExaminesAboutN() async throws {
        try await withEngine { engine in
            let ns = engine.namespace("messages")
            try await engine.client.createIndexes([IndexModel(keys: ["room_id": 1, "timestamp": 1, "_id": 1])], in: ns)
            let base: Int64 = 1_700_000_000_000
            var documents: [Document] = (0..<100_000).map { i in
                ["_id": .objectId(ObjectId()), "room_id": "big", "timestamp": .datetime(base + Int64(i / 3)), "sender": "s", "content": "c"]
            }
            documents += (0..<1_000).map { i in
                ["_id": .objectId(ObjectId()), "room_id": "other", "timestamp": .datetime(base + Int64(i)), "sender": "s", "content": "c"]
            }
            _ = try await engine.client.insertMany(documents, into: ns)

            func explain(_ filter: Document) async throws -> Document {
                try await engine.command([
                    "explain": ["find": "messages", "filter": .document(filter), "sort": ["timestamp": -1, "_id": -1], "limit": 50],
                ])
            }
            // Newest page, a deep page by timestamp, and the (timestamp, _id) tie-break form.
            let middle = base + 20_000
            let pivot = documents[60_000]
            for filter: Document in [
                ["room_id": "big"],
                ["room_id": "big", "timestamp": ["$lt": .datetime(middle)]],
                ["room_id": "big", "timestamp": ["$lte": pivot["timestamp"]!],
                 "$or": [["timestamp": ["$lt": pivot["timestamp"]!]], ["_id": ["$lt": pivot["_id"]!]]]],
            ] {
                let plan = try await explain(filter)
                let winning = plan["queryPlanner"]?.documentValue?["winningPlan"]?.documentValue
                #expect(winning?["stage"] == "FETCH")
                let scan = winning?["inputStage"]?.documentValue
                #expect(scan?["stage"] == "IXSCAN")
                #expect(scan?["indexName"] == "room_id_1_timestamp_1__id_1")
                #expect(scan?["direction"] == "backward")
                let stats = plan["executionStats"]!.documentValue!
                #expect(stats["nReturned"]?.integerValue == 50)
                let examined = stats["totalKeysExamined"]!.integerValue!
                print("history page filter \(filter): keys examined \(examined) for 50 results in a 100,000-message room")
                #expect(examined <= 55)
            }
            // And the results of the deep page are the right ones, newest first.
            let page = try await engine.client.find(
                ["room_id": "big", "timestamp": ["$lt": .datetime(middle)]], in: ns,
                options: FindOptions(sort: ["timestamp": -1, "_id": -1], limit: 50))
            #expect(page.count == 50)
            #expect(page.allSatisfy { ($0["timestamp"]?.datetimeValue ?? .max) < middle })
            #expect(page.first?["timestamp"]?.datetimeValue == middle - 1)
        }
    }
}
