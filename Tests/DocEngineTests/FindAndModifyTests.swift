import BSON
import MongoPool
import Testing

@Suite("findAndModify: atomic read-modify-write")
struct FindAndModifyTests {
    @Test func returnsBeforeOrAfterWithSortAndProjection() async throws {
        try await withEngine { engine in
            _ = try await engine.command(["insert": "f", "documents": [["_id": 1, "p": 5, "v": 0], ["_id": 2, "p": 9, "v": 0]]])
            let before = try await engine.command(["findAndModify": "f", "query": [:], "sort": ["p": -1], "update": ["$inc": ["v": 1]]])
            #expect(before["value"] == .document(["_id": 2, "p": 9, "v": 0]))
            #expect(before["lastErrorObject"]?.documentValue?["updatedExisting"] == .bool(true))
            let after = try await engine.command(["findAndModify": "f", "query": ["_id": 2], "update": ["$inc": ["v": 1]],
                                                  "new": true, "fields": ["v": 1, "_id": 0]])
            #expect(after["value"] == .document(["v": 2]))

            let removed = try await engine.command(["findAndModify": "f", "query": ["p": 5], "remove": true])
            #expect(removed["value"]?.documentValue?["_id"]?.integerValue == 1)
            #expect(removed["lastErrorObject"]?.documentValue?["n"]?.integerValue == 1)
            let nothing = try await engine.command(["findAndModify": "f", "query": ["p": 5], "remove": true])
            #expect(nothing["value"] == .null)
            #expect(nothing["lastErrorObject"]?.documentValue?["n"]?.integerValue == 0)
        }
    }

    @Test func upsertReportsTheNewID() async throws {
        try await withEngine { engine in
            let reply = try await engine.command(["findAndModify": "f", "query": ["name": "counter"], "update": ["$inc": ["n": 1]],
                                                  "upsert": true, "new": true])
            let value = reply["value"]?.documentValue
            #expect(value?["name"] == "counter" && value?["n"]?.integerValue == 1)
            let lastError = reply["lastErrorObject"]?.documentValue
            #expect(lastError?["updatedExisting"] == .bool(false))
            #expect(lastError?["upserted"] == value?["_id"])
        }
    }

    @Test func refusesContradictoryOptions() async throws {
        try await withEngine { engine in
            for body: Document in [
                ["findAndModify": "f", "query": [:]],
                ["findAndModify": "f", "remove": true, "update": ["$set": ["a": 1]]],
                ["findAndModify": "f", "remove": true, "new": true],
            ] {
                let error = await #expect(throws: MongoError.self) { _ = try await engine.command(body) }
                #expect(error?.serverCode == 9)
            }
        }
    }

    @Test func concurrentIncrementsEachSeeADistinctValue() async throws {
        try await withEngine { engine in
            _ = try await engine.command(["insert": "c", "documents": [["_id": "seq", "n": 0]]])
            let seen = try await withThrowingTaskGroup(of: [Int64].self) { group in
                for _ in 0..<16 {
                    group.addTask {
                        var values: [Int64] = []
                        for _ in 0..<50 {
                            let reply = try await engine.command(["findAndModify": "c", "query": ["_id": "seq"],
                                                                  "update": ["$inc": ["n": 1]], "new": true])
                            values.append(reply["value"]?.documentValue?["n"]?.integerValue ?? -1)
                        }
                        return values
                    }
                }
                return try await group.reduce(into: []) { $0 += $1 }
            }
            #expect(seen.sorted() == Array(1...800))
        }
    }
}
