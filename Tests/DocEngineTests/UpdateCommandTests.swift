import BSON
import MongoPool
import Testing

/// `update` through libmongoc, as an application's tests would drive the engine.
@Suite("update: operators, multi, upsert, write results")
struct UpdateCommandTests {
    private func documents(_ engine: EngineHarness, _ collection: String, sort: Document = ["_id": 1]) async throws -> [Document] {
        let reply = try await engine.command(["find": .string(collection), "sort": .document(sort)])
        return reply["cursor"]?.documentValue?["firstBatch"]?.arrayValue?.compactMap(\.documentValue) ?? []
    }

    @Test func updateOneAndManyReportMatchedAndModified() async throws {
        try await withEngine { engine in
            _ = try await engine.command(["insert": "u", "documents": [["_id": 1, "a": 1], ["_id": 2, "a": 1], ["_id": 3, "a": 2]]])
            let one = try await engine.command(["update": "u", "updates": [["q": ["a": 1], "u": ["$inc": ["a": 10]]]]])
            #expect(one["n"]?.integerValue == 1)
            #expect(one["nModified"]?.integerValue == 1)
            #expect(try await documents(engine, "u").map { $0["a"]?.integerValue } == [11, 1, 2])

            let many = try await engine.command(["update": "u", "updates": [["q": ["a": ["$lt": 5]], "u": ["$set": ["b": true]], "multi": true]]])
            #expect(many["n"]?.integerValue == 2)
            #expect(many["nModified"]?.integerValue == 2)

            // Setting a value a document already has matches it but modifies nothing.
            let same = try await engine.command(["update": "u", "updates": [["q": ["_id": 2], "u": ["$set": ["b": true]]]]])
            #expect(same["n"]?.integerValue == 1)
            #expect(same["nModified"]?.integerValue == 0)
        }
    }

    @Test func replacementKeepsIDAndRefusesChangingIt() async throws {
        try await withEngine { engine in
            _ = try await engine.command(["insert": "r", "documents": [["_id": 1, "a": 1, "b": 2]]])
            let replaced = try await engine.command(["update": "r", "updates": [["q": ["_id": 1], "u": ["c": 3]]]])
            #expect(replaced["nModified"]?.integerValue == 1)
            #expect(try await documents(engine, "r") == [["_id": 1, "c": 3]])

            let changeID = try await engine.command(["update": "r", "updates": [["q": ["_id": 1], "u": ["$set": ["_id": 2]]]]])
            let errors = changeID["writeErrors"]?.arrayValue?.compactMap(\.documentValue) ?? []
            #expect(errors.first?["code"]?.integerValue == 66)
            #expect(try await documents(engine, "r") == [["_id": 1, "c": 3]])

            // A statement-level error, as MongoDB reports it: the command succeeds, the statement fails.
            let multiReplace = try await engine.command(["update": "r", "updates": [["q": [:], "u": ["x": 1], "multi": true]]])
            #expect(multiReplace["writeErrors"]?.arrayValue?.first?.documentValue?["code"]?.integerValue == 9)
        }
    }

    @Test func upsertInsertsFromQueryEqualitiesAndReportsTheID() async throws {
        try await withEngine { engine in
            let reply = try await engine.command(["update": "up", "updates": [
                ["q": ["room": "a", "n": ["$gt": 3]], "u": ["$set": ["x": 1], "$setOnInsert": ["created": true]], "upsert": true],
                ["q": ["_id": "fixed"], "u": ["$inc": ["count": 1]], "upsert": true],
                ["q": ["_id": "fixed"], "u": ["$inc": ["count": 1]], "upsert": true],
            ]])
            #expect(reply["n"]?.integerValue == 3)
            #expect(reply["nModified"]?.integerValue == 1)
            let upserted = reply["upserted"]?.arrayValue?.compactMap(\.documentValue) ?? []
            #expect(upserted.map { $0["index"]?.integerValue } == [0, 1])
            #expect(upserted[1]["_id"] == "fixed")

            let docs = try await documents(engine, "up", sort: ["x": -1])
            #expect(docs.count == 2)
            let first = docs[0]
            #expect(first["room"] == "a" && first["x"]?.integerValue == 1 && first["created"] == .bool(true))
            #expect(first["n"] == nil, "a range condition is not copied into the upserted document")
            #expect(docs[1] == ["_id": "fixed", "count": 2])
        }
    }

    @Test func uniqueIndexesHoldOnUpdatesAndOrderedBatchesStop() async throws {
        try await withEngine { engine in
            _ = try await engine.command(["createIndexes": "q", "indexes": [["key": ["email": 1], "name": "email_1", "unique": true]]])
            _ = try await engine.command(["insert": "q", "documents": [["_id": 1, "email": "a"], ["_id": 2, "email": "b"]]])
            let reply = try await engine.command(["update": "q", "updates": [
                ["q": ["_id": 2], "u": ["$set": ["email": "a"]]],
                ["q": ["_id": 2], "u": ["$set": ["seen": true]]],
            ]])
            let errors = reply["writeErrors"]?.arrayValue?.compactMap(\.documentValue) ?? []
            #expect(errors.map { $0["code"]?.integerValue } == [11000])
            #expect(errors.first?["index"]?.integerValue == 0)
            #expect(reply["n"]?.integerValue == 0, "ordered: the second statement never ran")
            // A document may keep its own unique key while other fields change.
            let own = try await engine.command(["update": "q", "updates": [["q": ["_id": 1], "u": ["$set": ["email": "a", "x": 1]]]]])
            #expect(own["nModified"]?.integerValue == 1)
            // The index moved with the document: the old key is free, the new one taken.
            _ = try await engine.command(["update": "q", "updates": [["q": ["_id": 2], "u": ["$set": ["email": "c"]]]]])
            _ = try await engine.command(["insert": "q", "documents": [["_id": 3, "email": "b"]]])
            let taken = try await engine.command(["insert": "q", "documents": [["_id": 4, "email": "c"]]])
            #expect(taken["writeErrors"]?.arrayValue?.count == 1)
            let byEmail = try await engine.command(["find": "q", "filter": ["email": "c"]])
            #expect(byEmail["cursor"]?.documentValue?["firstBatch"]?.arrayValue?.count == 1)
        }
    }

    @Test func updateGrowingPastTheSizeLimitIsRefused() async throws {
        try await withEngine { engine in
            let chunk = String(repeating: "x", count: 9 * 1024 * 1024)
            _ = try await engine.command(["insert": "big", "documents": [["_id": 1, "a": .string(chunk)]]])
            let reply = try await engine.command(["update": "big", "updates": [["q": ["_id": 1], "u": ["$set": ["b": .string(chunk)]]]]])
            let errors = reply["writeErrors"]?.arrayValue?.compactMap(\.documentValue) ?? []
            #expect(errors.first?["code"]?.integerValue == 10334)
            let stored = try await documents(engine, "big")
            #expect(stored.first?["b"] == nil)
        }
    }

    @Test func indexedUpdateTouchesOnlyMatchingEntries() async throws {
        try await withEngine { engine in
            _ = try await engine.command(["createIndexes": "ix", "indexes": [["key": ["room": 1], "name": "room_1"]]])
            let docs: [BSONValue] = (0..<200).map { .document(["_id": .int32(Int32($0)), "room": .string("r\($0 % 20)")]) }
            _ = try await engine.command(["insert": "ix", "documents": .array(docs)])
            let explained = try await engine.command(["explain": ["update": "ix", "updates": [["q": ["room": "r3"], "u": ["$set": ["x": 1]], "multi": true]]]])
            let plan = explained["queryPlanner"]?.documentValue?["winningPlan"]?.documentValue
            #expect(plan?["stage"] == "UPDATE")
            #expect(plan?["inputStage"]?.documentValue?["inputStage"]?.documentValue?["indexName"] == "room_1")
            let stats = explained["executionStats"]?.documentValue
            #expect(stats?["totalDocsExamined"]?.integerValue == 10)
            #expect(stats?["nReturned"]?.integerValue == 10)
            // Explain changed nothing.
            let unchanged = try await engine.command(["count": "ix", "query": ["x": 1]])
            #expect(unchanged["n"]?.integerValue == 0)

            let reply = try await engine.command(["update": "ix", "updates": [["q": ["room": "r3"], "u": ["$set": ["room": "moved"]], "multi": true]]])
            #expect(reply["nModified"]?.integerValue == 10)
            let moved = try await engine.command(["count": "ix", "query": ["room": "moved"]])
            #expect(moved["n"]?.integerValue == 10)
            let left = try await engine.command(["count": "ix", "query": ["room": "r3"]])
            #expect(left["n"]?.integerValue == 0)
        }
    }

    @Test func pipelineUpdatesComputeFromTheDocument() async throws {
        try await withEngine { engine in
            _ = try await engine.command(["insert": "p", "documents": [["_id": 1, "a": 2, "b": 3, "tmp": true]]])
            let reply = try await engine.command(["update": "p", "updates": [[
                "q": ["_id": 1],
                "u": [["$set": ["sum": ["$add": ["$a", "$b"]]]], ["$unset": "tmp"], ["$project": ["sum": 1]]],
            ]]])
            #expect(reply["nModified"]?.integerValue == 1)
            #expect(try await documents(engine, "p") == [["_id": 1, "sum": 5]])

            let upsert = try await engine.command(["update": "p", "updates": [[
                "q": ["_id": 2, "k": "x"], "u": [["$set": ["made": ["$concat": ["$k", "!"]]]]], "upsert": true,
            ]]])
            #expect(upsert["upserted"]?.arrayValue?.first?.documentValue?["_id"]?.integerValue == 2)
            #expect(try await documents(engine, "p").last == ["_id": 2, "k": "x", "made": "x!"])

            let refused = try await engine.command(["update": "p", "updates": [["q": [:], "u": [["$group": ["_id": 1]]]]]])
            #expect(refused["writeErrors"]?.arrayValue?.first?.documentValue?["code"]?.integerValue == 72)
        }
    }
}
