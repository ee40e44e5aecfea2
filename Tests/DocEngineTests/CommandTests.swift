import BSON
import MongoPool
import Testing

@Suite("Engine commands through the pooled libmongoc client")
struct CommandTests {
    @Test func helloAnswersAsStandalone() async throws {
        try await withEngine { engine in
            let hello = try await engine.command(["hello": 1], database: "admin")
            #expect(hello["isWritablePrimary"] == .bool(true))
            #expect(hello["helloOk"] == .bool(true))
            #expect(hello["maxBsonObjectSize"]?.integerValue == 16_777_216)
            #expect(hello["maxMessageSizeBytes"]?.integerValue == 48_000_000)
            #expect(hello["maxWriteBatchSize"]?.integerValue == 100_000)
            #expect(hello["maxWireVersion"]!.integerValue! >= 13)
            #expect(hello["minWireVersion"]?.integerValue == 0)
            #expect(hello["logicalSessionTimeoutMinutes"] != nil)
            #expect(hello["connectionId"] != nil)
            #expect(hello["localTime"]?.datetimeValue != nil)
            #expect(hello["compression"] == nil)
            let legacy = try await engine.command(["isMaster": 1], database: "admin")
            #expect(legacy["ismaster"] == .bool(true))
            let lower = try await engine.command(["ismaster": 1], database: "admin")
            #expect(lower["ismaster"] == .bool(true))
        }
    }

    @Test func pingBuildInfoAndEndSessions() async throws {
        try await withEngine { engine in
            #expect(try await engine.command(["ping": 1])["ok"]?.doubleValue == 1)
            let info = try await engine.command(["buildInfo": 1], database: "admin")
            #expect(info["versionArray"]?.arrayValue?.first?.integerValue == 6)
            let end = try await engine.command(["endSessions": [["id": .binary(subtype: 4, data: Array(repeating: 1, count: 16))]]], database: "admin")
            #expect(end["ok"]?.doubleValue == 1)
        }
    }

    @Test func unknownCommandIsCommandNotFound() async throws {
        try await withEngine { engine in
            let error = await #expect(throws: MongoError.self) {
                _ = try await engine.command(["frobnicate": 1])
            }
            #expect(error?.serverCode == 59)
            #expect(error?.message.contains("no such command: 'frobnicate'") == true)
        }
    }

    @Test func createListDropCollectionsAndDatabases() async throws {
        try await withEngine { engine in
            _ = try await engine.command(["create": "one"])
            _ = try await engine.client.insert(["x": 1], into: engine.namespace("two"))
            let created = await #expect(throws: MongoError.self) { _ = try await engine.command(["create": "one"]) }
            #expect(created?.serverCode == 48)

            let list = try await engine.command(["listCollections": 1])
            let names = list["cursor"]?.documentValue?["firstBatch"]?.arrayValue?
                .compactMap { $0.documentValue?["name"]?.stringValue }
            #expect(names == ["one", "two"])
            let filtered = try await engine.command(["listCollections": 1, "filter": ["name": "two"], "nameOnly": true])
            #expect(filtered["cursor"]?.documentValue?["firstBatch"]?.arrayValue?.count == 1)

            let databases = try await engine.command(["listDatabases": 1], database: "admin")
            #expect(databases["databases"]?.arrayValue?.contains { $0.documentValue?["name"] == "test" } == true)

            let dropped = try await engine.command(["drop": "one"])
            #expect(dropped["nIndexesWas"]?.integerValue == 1)
            let missing = await #expect(throws: MongoError.self) { _ = try await engine.command(["drop": "one"]) }
            #expect(missing?.serverCode == 26)

            _ = try await engine.command(["dropDatabase": 1])
            let after = try await engine.command(["listDatabases": 1, "nameOnly": true], database: "admin")
            #expect(after["databases"]?.arrayValue?.contains { $0.documentValue?["name"] == "test" } == false)
        }
    }

    @Test func insertAndFindWithEveryOption() async throws {
        try await withEngine { engine in
            let ns = engine.namespace("items")
            let docs: [Document] = (0..<30).map { ["_id": .int32(Int32($0)), "n": .int32(Int32($0 % 10)), "tag": .string($0 % 2 == 0 ? "even" : "odd")] }
            let result = try await engine.client.insertMany(docs, into: ns)
            #expect(result.insertedCount == 30)

            let found = try await engine.client.find(
                ["tag": "even", "n": ["$gte": 4]], in: ns,
                options: FindOptions(sort: ["n": -1, "_id": 1], projection: ["_id": 1], skip: 1, limit: 4))
            // n descending, _id ascending within equal n, then skip one: 8 | 18 28 6 16 | 26 …
            #expect(found == [["_id": 18], ["_id": 28], ["_id": 6], ["_id": 16]])

            let single = try await engine.command(["find": "items", "filter": [:], "batchSize": 5, "singleBatch": true])
            #expect(single["cursor"]?.documentValue?["id"] == .int64(0))
            #expect(single["cursor"]?.documentValue?["firstBatch"]?.arrayValue?.count == 5)

            let bad = await #expect(throws: MongoError.self) {
                _ = try await engine.command(["find": "items", "filter": 5])
            }
            #expect(bad?.serverCode == 14)
            let badOperator = await #expect(throws: MongoError.self) {
                _ = try await engine.client.find(["n": ["$frob": 1]], in: ns)
            }
            #expect(badOperator?.serverCode == 2)
        }
    }

    @Test func filtersMatchDottedPathsArraysAndOperators() async throws {
        try await withEngine { engine in
            let ns = engine.namespace("f")
            _ = try await engine.client.insertMany([
                ["_id": 1, "a": ["b": [1, 2, 3]]], ["_id": 2, "a": [["b": 5], ["b": 6]]], ["_id": 3, "a": ["b": 9]],
                ["_id": 4, "x": .null], ["_id": 5, "x": "s"], ["_id": 6, "x": .int64(7)], ["_id": 7, "x": 7.0],
            ], into: ns)
            func ids(_ filter: Document) async throws -> [Int64] {
                try await engine.client.find(filter, in: ns, options: FindOptions(sort: ["_id": 1])).compactMap { $0["_id"]?.integerValue }
            }
            #expect(try await ids(["a.b": 2]) == [1])
            #expect(try await ids(["a.b": ["$gte": 5]]) == [2, 3])
            #expect(try await ids(["x": 7]) == [6, 7])
            #expect(try await ids(["x": .null]) == [1, 2, 3, 4])
            #expect(try await ids(["x": ["$exists": true]]) == [4, 5, 6, 7])
            #expect(try await ids(["x": ["$gt": 1]]) == [6, 7])
            #expect(try await ids(["x": ["$in": ["s", 7]]]) == [5, 6, 7])
            #expect(try await ids(["x": ["$nin": ["s", 7]], "a": ["$exists": false]]) == [4])
            #expect(try await ids(["$or": [["x": "s"], ["a.b": 9]]]) == [3, 5])
            #expect(try await ids(["$and": [["x": ["$ne": .null]], ["x": ["$lt": 10]]]]) == [6, 7])
        }
    }

    @Test func countAndCountDocumentsPipeline() async throws {
        try await withEngine { engine in
            let ns = engine.namespace("c")
            _ = try await engine.client.insertMany((0..<50).map { ["i": .int32(Int32($0))] }, into: ns)
            let count = try await engine.command(["count": "c", "query": ["i": ["$lt": 20]], "skip": 5, "limit": 10])
            #expect(count["n"]?.integerValue == 10)
            // What mongoc_collection_count_documents sends.
            let agg = try await engine.command([
                "aggregate": "c",
                "pipeline": [["$match": ["i": ["$gte": 10]]], ["$skip": 2], ["$group": ["_id": 1, "n": ["$sum": 1]]]],
                "cursor": [:],
            ])
            let first = agg["cursor"]?.documentValue?["firstBatch"]?.arrayValue?.first?.documentValue
            #expect(first?["n"]?.integerValue == 38)
            let missing = try await engine.command(["count": "nothing"])
            #expect(missing["n"]?.integerValue == 0)
        }
    }

    @Test func unixSocketServesTheSameEngine() async throws {
        try await withEngine { engine in
            _ = try await engine.client.insert(["_id": "via-tcp"], into: engine.namespace("u"))
            let encoded = engine.socketPath.replacingOccurrences(of: "/", with: "%2F")
            let client = try MongoClient(settings: MongoClientSettings(uri: try MongoURI("mongodb://\(encoded)/?serverSelectionTimeoutMS=60000")))
            let found = try await client.find(["_id": "via-tcp"], in: engine.namespace("u"))
            await client.close()
            #expect(found.count == 1)
            let attributes = try FileManager.default.attributesOfItem(atPath: engine.socketPath)
            #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        }
    }
}

import Foundation
