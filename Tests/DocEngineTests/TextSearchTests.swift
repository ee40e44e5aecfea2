import BSON
@testable import DocEngine
import MongoPool
import Testing

/// Text indexes and `$text` through libmongoc: index specs, MongoDB's matching rules, scores, errors,
/// and the index kept in step with the documents.
@Suite("Text search")
struct TextSearchTests {
    static let messages: [Document] = [
        ["_id": 1, "content": "I love running in the park"],
        ["_id": 2, "content": "She runs every morning"],
        ["_id": 3, "content": "Coffee at the café"],
        ["_id": 4, "content": "The cafe serves tea and coffee"],
        ["_id": 5, "content": "Ice cream and apple pie"],
        ["_id": 6, "content": "apple cream"],
    ]

    private func ids(_ engine: EngineHarness, _ filter: Document, collection: String = "m") async throws -> [Int64] {
        try await engine.client.find(filter, in: engine.namespace(collection), options: FindOptions(sort: ["_id": 1]))
            .compactMap { $0["_id"]?.integerValue }
    }

    private func search(_ engine: EngineHarness, _ text: String, _ options: Document = [:]) async throws -> [Int64] {
        var fields: Document = ["$search": .string(text)]
        for (key, value) in options.elements { fields.append(key, value) }
        return try await ids(engine, ["$text": .document(fields)])
    }

    @Test func indexSpecIsNormalisedAndListed() async throws {
        try await withEngine { engine in
            _ = try await engine.command(["createIndexes": "m", "indexes": [[
                "key": ["room_id": 1, "content": "text"], "name": "room_content", "weights": ["content": 3, "title": 1],
            ]]])
            let list = try await engine.command(["listIndexes": "m"])
            let specs = list["cursor"]?.documentValue?["firstBatch"]?.arrayValue?.compactMap(\.documentValue) ?? []
            #expect(specs.count == 2)
            #expect(specs.last == [
                "v": 2, "key": ["room_id": 1, "_fts": "text", "_ftsx": 1], "name": "room_content",
                "weights": ["content": 3, "title": 1], "default_language": "english", "language_override": "language",
                "textIndexVersion": 3,
            ])
            // The same request again changes nothing; a second, different text index is refused.
            let again = try await engine.command(["createIndexes": "m", "indexes": [[
                "key": ["room_id": 1, "content": "text"], "name": "room_content", "weights": ["content": 3, "title": 1],
            ]]])
            #expect(again["note"] == "all indexes already exist")
            let second = await #expect(throws: MongoError.self) {
                _ = try await engine.command(["createIndexes": "m", "indexes": [["key": ["title": "text"], "name": "title_text"]]])
            }
            #expect(second?.serverCode == 67)
            let language = await #expect(throws: MongoError.self) {
                _ = try await engine.command(["createIndexes": "x", "indexes": [["key": ["a": "text"], "name": "a", "default_language": "klingon"]]])
            }
            #expect(language?.serverCode == 67)
            let misplaced = await #expect(throws: MongoError.self) {
                _ = try await engine.command(["createIndexes": "x", "indexes": [["key": ["a": 1], "name": "a", "weights": ["a": 2]]]])
            }
            #expect(misplaced?.serverCode == 197)
            // Dropped by its stored key.
            _ = try await engine.command(["dropIndexes": "m", "index": ["room_id": 1, "_fts": "text", "_ftsx": 1]])
            let after = try await engine.command(["listIndexes": "m"])
            #expect(after["cursor"]?.documentValue?["firstBatch"]?.arrayValue?.count == 1)
        }
    }

    @Test func searchFollowsMongoDBsRules() async throws {
        try await withEngine { engine in
            _ = try await engine.client.insertMany(Self.messages, into: engine.namespace("m"))
            try await engine.client.createIndexes([IndexModel(keys: ["content": "text"])], in: engine.namespace("m"))
            #expect(try await search(engine, "running") == [1, 2])
            #expect(try await search(engine, "RUNS") == [1, 2])
            #expect(try await search(engine, "cafe") == [3, 4])
            #expect(try await search(engine, "café") == [3, 4])
            #expect(try await search(engine, "tea pie") == [4, 5])
            #expect(try await search(engine, "coffee -tea") == [3])
            #expect(try await search(engine, "\"ice cream\"") == [5])
            #expect(try await search(engine, "cream -\"ice cream\"") == [6])
            #expect(try await search(engine, "the and") == [])
            #expect(try await search(engine, "-coffee") == [])
            #expect(try await search(engine, "Coffee", ["$caseSensitive": true]) == [3])
            #expect(try await search(engine, "café", ["$diacriticSensitive": true]) == [3])
            #expect(try await search(engine, "running", ["$language": "none"]) == [])
            #expect(try await ids(engine, ["$text": ["$search": "coffee"], "_id": ["$gt": 3]]) == [4])
            #expect(try await ids(engine, ["$and": [["_id": ["$lt": 6]], ["$text": ["$search": "apple"]]]]) == [5])
            let count = try await engine.command(["count": "m", "query": ["$text": ["$search": "apple"]]])
            #expect(count["n"]?.integerValue == 2)
        }
    }

    @Test func scoresProjectAndSort() async throws {
        try await withEngine { engine in
            let ns = engine.namespace("s")
            _ = try await engine.command(["createIndexes": "s", "indexes": [[
                "key": ["title": "text", "body": "text"], "name": "t", "weights": ["title": 10],
            ]]])
            _ = try await engine.client.insertMany([
                ["_id": 1, "title": "x", "body": "tea and biscuits"],
                ["_id": 2, "title": "tea", "body": "x"],
                ["_id": 3, "title": "other", "body": "tea tea"],
            ], into: ns)
            let found = try await engine.client.find(["$text": ["$search": "tea"]], in: ns, options: FindOptions(
                sort: ["s": ["$meta": "textScore"]], projection: ["title": 1, "s": ["$meta": "textScore"]]))
            // title "tea": 10 × 1.1 (the whole field); "tea tea": 1 + 1/2; one of two terms: 0.5/2 + 0.5.
            #expect(found.map(\.keys) == Array(repeating: ["_id", "title", "s"], count: 3))
            #expect(found.compactMap { $0["_id"]?.integerValue } == [2, 3, 1])
            let scores = found.compactMap { $0["s"]?.doubleValue }
            #expect(zip(scores, [11, 1.5, 0.75]).allSatisfy { abs($0 - $1) < 1e-9 } && scores.count == 3)
            let plain = try await engine.client.find(["$text": ["$search": "biscuit"]], in: ns)
            #expect(plain == [["_id": 1, "title": "x", "body": "tea and biscuits"]])
            let explain = try await engine.command(["explain": ["find": "s", "filter": ["$text": ["$search": "tea"]]]])
            #expect(explain["queryPlanner"]?.documentValue?["winningPlan"]?.documentValue?["stage"] == "TEXT_MATCH")
            let batched = try await engine.client.find(["$text": ["$search": "tea"]], in: ns, options: FindOptions(batchSize: 1))
            #expect(batched.compactMap { $0["_id"]?.integerValue } == [1, 2, 3])
            // The same through aggregation: a leading `$text` match, then `$meta` in `$sort` and `$project`.
            let aggregated = try await engine.command(["aggregate": "s", "cursor": [:], "pipeline": [
                ["$match": ["$text": ["$search": "tea"]]], ["$sort": ["s": ["$meta": "textScore"]]],
                ["$project": ["_id": 1, "s": ["$meta": "textScore"]]],
            ]])
            let rows = aggregated["cursor"]?.documentValue?["firstBatch"]?.arrayValue?.compactMap(\.documentValue) ?? []
            #expect(rows.compactMap { $0["_id"]?.integerValue } == [2, 3, 1])
            #expect(rows.map(\.keys) == Array(repeating: ["_id", "s"], count: 3))
            let unsorted = try await engine.command(["aggregate": "s", "cursor": [:], "pipeline": [
                ["$match": ["$text": ["$search": "biscuits"]]],
            ]])
            #expect(unsorted["cursor"]?.documentValue?["firstBatch"] == [["_id": 1, "title": "x", "body": "tea and biscuits"]])
        }
    }

    @Test func compoundIndexNeedsEqualityOnItsPrefix() async throws {
        try await withEngine { engine in
            let ns = engine.namespace("r")
            try await engine.client.createIndexes([IndexModel(keys: ["room_id": 1, "content": "text"])], in: ns)
            _ = try await engine.client.insertMany([
                ["_id": 1, "room_id": "a", "content": "hello there"], ["_id": 2, "room_id": "b", "content": "hello again"],
                ["_id": 3, "room_id": "a", "content": "goodbye"],
            ], into: ns)
            #expect(try await ids(engine, ["room_id": "a", "$text": ["$search": "hello goodbye"]], collection: "r") == [1, 3])
            #expect(try await ids(engine, ["room_id": "b", "$text": ["$search": "hello"]], collection: "r") == [2])
            let noPrefix = await #expect(throws: MongoError.self) {
                _ = try await ids(engine, ["$text": ["$search": "hello"]], collection: "r")
            }
            #expect(noPrefix?.serverCode == 291)
            let multikey = await #expect(throws: MongoError.self) {
                _ = try await engine.client.insert(["room_id": ["a", "b"], "content": "hi"], into: ns)
            }
            #expect(multikey?.serverCode == 16675)
        }
    }

    @Test func refusalsCarryMongoDBsCodes() async throws {
        try await withEngine { engine in
            let ns = engine.namespace("e")
            _ = try await engine.client.insert(["_id": 1, "content": "words"], into: ns)
            let text: BSONValue = ["$search": "words"]
            func code(_ filter: Document, _ options: FindOptions = FindOptions()) async -> Int64? {
                do { _ = try await engine.client.find(filter, in: ns, options: options); return nil } catch { return error.serverCode }
            }
            #expect(await code(["$text": text]) == 27)
            #expect(await code(["a": 1], FindOptions(projection: ["s": ["$meta": "textScore"]])) == 40218)
            #expect(await code(["a": 1], FindOptions(sort: ["s": ["$meta": "textScore"]])) == 40218)
            try await engine.client.createIndexes([IndexModel(keys: ["content": "text"])], in: ns)
            #expect(await code(["$text": text]) == nil)
            #expect(await code(["$and": [["$text": text], ["$text": text]]]) == 2)
            #expect(await code(["$nor": [["$text": text]]]) == 2)
            #expect(await code(["a": ["$elemMatch": ["$text": text]]]) == 2)
            #expect(await code(["$text": ["$search": 1]]) == 14)
            #expect(await code(["$text": text], FindOptions(projection: ["s": ["$meta": "searchHighlights"]])) == 17308)
            func aggregateCode(_ pipeline: [BSONValue]) async -> Int64? {
                do { _ = try await engine.command(["aggregate": "e", "cursor": [:], "pipeline": .array(pipeline)]); return nil }
                catch { return (error as? MongoError)?.serverCode }
            }
            #expect(await aggregateCode([["$match": ["a": 1]], ["$match": ["$text": text]]]) == 17313)
            #expect(await aggregateCode([["$sort": ["s": ["$meta": "textScore"]]]]) == 40218)
            #expect(await aggregateCode([["$project": ["s": ["$meta": "textScore"]]]]) == 40218)
            let partial = await #expect(throws: MongoError.self) {
                _ = try await engine.command(["createIndexes": "e", "indexes": [
                    ["key": ["a": 1], "name": "a_1", "partialFilterExpression": ["$text": text]],
                ]])
            }
            #expect(partial?.serverCode == 67)
            // A document whose language cannot be read is refused, and nothing of it is stored.
            let language = await #expect(throws: MongoError.self) {
                _ = try await engine.client.insert(["_id": 2, "content": "mots", "language": "klingon"], into: ns)
            }
            #expect(language?.serverCode == 17262)
            #expect(try await ids(engine, ["_id": 2], collection: "e") == [])
            #expect(try await search(engine, "mots", collection: "e") == [])
        }
    }

    @Test func indexFollowsInsertsDeletesDropsAndRestarts() async throws {
        let first = try await EngineHarness.start()
        let ns = first.namespace("k")
        // Built over documents already stored, then kept in step with new ones.
        _ = try await first.client.insertMany(Array(Self.messages.prefix(3)), into: ns)
        try await first.client.createIndexes([IndexModel(keys: ["content": "text"])], in: ns)
        _ = try await first.client.insertMany(Array(Self.messages.dropFirst(3)), into: ns)
        #expect(try await search(first, "apple", collection: "k") == [5, 6])
        _ = try await first.command(["delete": "k", "deletes": [["q": ["$text": ["$search": "pie"]], "limit": 0]]])
        #expect(try await search(first, "apple", collection: "k") == [6])
        await first.stop()

        let second = try await EngineHarness.start(directory: first.directory)
        defer { second.removeData() }
        #expect(try await search(second, "apple running", collection: "k") == [1, 2, 6])
        _ = try await second.command(["dropIndexes": "k", "index": "content_text"])
        let dropped = await #expect(throws: MongoError.self) { _ = try await search(second, "apple", collection: "k") }
        #expect(dropped?.serverCode == 27)
        await second.stop()
    }

    /// Replacing a document moves its text entries; a replacement whose job fails leaves no trace.
    @Test func replacementsKeepTheIndexInStep() async throws {
        try await withEngine { engine in
            try await engine.client.createIndexes([IndexModel(keys: ["content": "text"])], in: engine.namespace("u"))
            _ = try await engine.client.insert(["_id": 1, "content": "old words"], into: engine.namespace("u"))
            let namespace = CollectionNamespace(database: "test", collection: "u")
            struct Abandon: Error {}
            let replace: @Sendable (Document, Bool) async throws -> Void = { replacement, abandon in
                _ = try await engine.engine.store.write { writer in
                    let collection = writer.collection(namespace)!
                    let old = try writer.record(1, in: collection)!
                    try writer.replace(old, with: replacement, in: namespace)
                    if abandon { throw Abandon() }
                }
            }
            await #expect(throws: Abandon.self) { try await replace(["_id": 1, "content": "new text"], true) }
            #expect(try await search(engine, "old", collection: "u") == [1])
            #expect(try await search(engine, "new", collection: "u") == [])
            try await replace(["_id": 1, "content": "new text"], false)
            #expect(try await search(engine, "old", collection: "u") == [])
            #expect(try await search(engine, "new text", collection: "u") == [1])
        }
    }

    private func search(_ engine: EngineHarness, _ text: String, collection: String) async throws -> [Int64] {
        try await ids(engine, ["$text": ["$search": .string(text)]], collection: collection)
    }
}
