import BSON
import MongoPool
import Testing

@Suite("delete and distinct")
struct DeleteCommandTests {
    @Test func deleteOneAndManyWithIndexMaintenance() async throws {
        try await withEngine { engine in
            _ = try await engine.command(["createIndexes": "d", "indexes": [["key": ["k": 1], "name": "k_1", "unique": true]]])
            _ = try await engine.command(["insert": "d", "documents": [["_id": 1, "k": "a", "g": 1], ["_id": 2, "k": "b", "g": 1], ["_id": 3, "k": "c", "g": 2]]])
            let one = try await engine.command(["delete": "d", "deletes": [["q": ["g": 1], "limit": 1]]])
            #expect(one["n"]?.integerValue == 1)
            let all = try await engine.command(["delete": "d", "deletes": [["q": ["g": ["$gte": 1]], "limit": 0]]])
            #expect(all["n"]?.integerValue == 2)
            let none = try await engine.command(["delete": "d", "deletes": [["q": ["g": 1], "limit": 0]]])
            #expect(none["n"]?.integerValue == 0)
            // The unique keys went with their documents.
            let again = try await engine.command(["insert": "d", "documents": [["_id": 4, "k": "a"], ["_id": 5, "k": "c"]]])
            #expect(again["n"]?.integerValue == 2)
            #expect(again["writeErrors"] == nil)
        }
    }

    @Test func deleteRefusesBadLimitsPerStatement() async throws {
        try await withEngine { engine in
            _ = try await engine.command(["insert": "d", "documents": [["_id": 1]]])
            let reply = try await engine.command(["delete": "d", "ordered": false, "deletes": [
                ["q": ["_id": 1], "limit": 2],
                ["q": ["_id": 1], "limit": 1],
            ]])
            let errors = reply["writeErrors"]?.arrayValue?.compactMap(\.documentValue) ?? []
            #expect(errors.map { $0["index"]?.integerValue } == [0])
            #expect(errors.first?["code"]?.integerValue == 9)
            #expect(reply["n"]?.integerValue == 1)
            let missing = await #expect(throws: MongoError.self) { _ = try await engine.command(["delete": "d", "deletes": []]) }
            #expect(missing?.serverCode == 16)
        }
    }

    @Test func explainDeleteUsesTheIndex() async throws {
        try await withEngine { engine in
            _ = try await engine.command(["createIndexes": "e", "indexes": [["key": ["room": 1, "t": 1], "name": "room_t"]]])
            let docs: [BSONValue] = (0..<100).map { .document(["room": .string("r\($0 % 10)"), "t": .int32(Int32($0))]) }
            _ = try await engine.command(["insert": "e", "documents": .array(docs)])
            let explained = try await engine.command(["explain": ["delete": "e", "deletes": [["q": ["room": "r1", "t": ["$gte": 50]], "limit": 0]]]])
            let stats = explained["executionStats"]?.documentValue
            #expect(stats?["totalKeysExamined"]?.integerValue == 5)
            #expect(stats?["totalDocsExamined"]?.integerValue == 5)
            let deleted = try await engine.command(["delete": "e", "deletes": [["q": ["room": "r1", "t": ["$gte": 50]], "limit": 0]]])
            #expect(deleted["n"]?.integerValue == 5)
        }
    }

    @Test func distinctFlattensArraysAndSortsValues() async throws {
        try await withEngine { engine in
            _ = try await engine.command(["insert": "t", "documents": [
                ["_id": 1, "tags": ["b", "a"], "n": 1, "s": ["x": 2]],
                ["_id": 2, "tags": "c", "n": 1.0, "s": ["x": 1]],
                ["_id": 3, "tags": [["nested"], "a"], "n": 2],
                ["_id": 4, "other": true],
            ]])
            let tags = try await engine.command(["distinct": "t", "key": "tags"])
            #expect(tags["values"] == .array(["a", "b", "c", ["nested"]]))
            let numbers = try await engine.command(["distinct": "t", "key": "n"])
            #expect(numbers["values"]?.arrayValue?.count == 2, "1 and 1.0 are one value")
            let nested = try await engine.command(["distinct": "t", "key": "s.x", "query": ["n": 1]])
            #expect(nested["values"] == .array([1, 2]))
            let absent = try await engine.command(["distinct": "nothing", "key": "a"])
            #expect(absent["values"] == .array([]))
        }
    }

    @Test func explainAggregateShowsTheIndexForItsLeadingMatchAndSort() async throws {
        try await withEngine { engine in
            _ = try await engine.command(["createIndexes": "a", "indexes": [["key": ["room": 1, "t": 1], "name": "room_t"]]])
            let docs: [BSONValue] = (0..<60).map { .document(["room": .string("r\($0 % 6)"), "t": .int32(Int32($0))]) }
            _ = try await engine.command(["insert": "a", "documents": .array(docs)])
            let explained = try await engine.command(["explain": [
                "aggregate": "a", "pipeline": [["$match": ["room": "r2"]], ["$sort": ["t": -1]], ["$group": ["_id": .null, "n": ["$sum": 1]]]],
                "cursor": [:],
            ]])
            let plan = explained["queryPlanner"]?.documentValue?["winningPlan"]?.documentValue
            let fetch = plan?["inputStage"]?.documentValue
            #expect(fetch?["inputStage"]?.documentValue?["indexName"] == "room_t")
            #expect(fetch?["inputStage"]?.documentValue?["direction"] == "backward")
            #expect(explained["executionStats"]?.documentValue?["totalDocsExamined"]?.integerValue == 10)
        }
    }
}
