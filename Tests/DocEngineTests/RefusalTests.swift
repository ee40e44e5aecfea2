import BSON
@testable import DocEngine
import Foundation
import MongoPool
import Testing

/// What the engine does not do is refused with MongoDB's code and a message that says so
/// (docs/engine-refusals.md), never half-done.
@Suite("Honest refusals")
struct RefusalTests {
    static func code(_ engine: EngineHarness, _ command: Document, database: String = "test") async -> (Int64?, String)? {
        do {
            _ = try await engine.command(command, database: database)
            return nil
        } catch let error as MongoError {
            return (error.serverCode, error.message)
        } catch {
            return (nil, "\(error)")
        }
    }

    @Test func unsupportedCommandsAndCreateOptions() async throws {
        try await withEngine { engine in
            let mapReduce = await Self.code(engine, ["mapReduce": "c", "map": "function() {}", "reduce": "function() {}", "out": ["inline": 1]])
            #expect(mapReduce?.0 == 115)
            #expect(mapReduce?.1.contains("mapReduce is not supported") == true)

            let capped = await Self.code(engine, ["create": "capped", "capped": true, "size": 4096])
            #expect(capped?.0 == 72)
            #expect(capped?.1.contains("capped collections are not supported") == true)
            let view = await Self.code(engine, ["create": "view", "viewOn": "c", "pipeline": []])
            #expect(view?.0 == 72)
            #expect(view?.1.contains("views are not supported") == true)
            // Nothing was created by the refused commands.
            let names = CollectionAdminTests.firstBatch(try await engine.command(["listCollections": 1, "nameOnly": true]))
            #expect(names.isEmpty)
        }
    }

    @Test func collationOtherThanSimpleIsRefused() async throws {
        try await withEngine { engine in
            _ = try await engine.command(["create": "simple", "collation": ["locale": "simple"]])
            let french = await Self.code(engine, ["create": "fr", "collation": ["locale": "fr", "strength": 1]])
            #expect(french?.0 == 238)
            #expect(french?.1.contains("locale 'fr'") == true)
            let index = await Self.code(engine, ["createIndexes": "simple", "indexes": [["key": ["a": 1], "name": "a_1", "collation": ["locale": "en"]]]])
            #expect(index?.0 == 238)
            let malformed = await Self.code(engine, ["create": "bad", "collation": "fr"])
            #expect(malformed?.0 == 14)
        }
    }

    @Test func unsupportedIndexKinds() async throws {
        try await withEngine { engine in
            for key: Document in [["loc": "2dsphere"], ["loc": "2d"], ["h": "hashed"]] {
                let refused = await Self.code(engine, ["createIndexes": "c", "indexes": [["key": .document(key), "name": "k"]]])
                #expect(refused?.0 == 67, "\(key)")
            }
            let ttl = await Self.code(engine, ["createIndexes": "c", "indexes": [["key": ["at": 1], "name": "at_1", "expireAfterSeconds": 60]]])
            #expect(ttl?.0 == 67)
            #expect(ttl?.1.contains("TTL") == true)
            let mixed = await Self.code(engine, ["createIndexes": "c", "indexes": [
                ["key": ["a": 1], "name": "a_1", "sparse": true, "partialFilterExpression": ["a": 1]]]])
            #expect(mixed?.0 == 67)
        }
    }

    @Test func changeStreamsWhereAndLaterCollStats() async throws {
        try await withEngine { engine in
            _ = try await engine.client.insert(["a": 1], into: engine.namespace("c"))
            let stream = await Self.code(engine, ["aggregate": "c", "pipeline": [["$changeStream": [:]]], "cursor": [:]])
            #expect(stream?.0 == 40573)
            #expect(stream?.1 == "The $changeStream stage is only supported on replica sets")
            let later = await Self.code(engine, ["aggregate": "c", "pipeline": [["$match": [:]], ["$collStats": [:]]], "cursor": [:]])
            #expect(later?.0 == 40602)
            let latency = await Self.code(engine, ["aggregate": "c", "pipeline": [["$collStats": ["latencyStats": [:]]]], "cursor": [:]])
            #expect(latency?.0 == 238)
            let unknown = await Self.code(engine, ["aggregate": "c", "pipeline": [["$collStats": ["bogus": [:]]]], "cursor": [:]])
            #expect(unknown?.0 == 40415)
            let whereClause = await Self.code(engine, ["find": "c", "filter": ["$where": "this.a == 1"]])
            #expect(whereClause?.0 == 2)
        }
    }
}
