import BSON
import MongoPool
import Testing

/// The aggregation stages and expressions as a client sees them through libmongoc: reshaping stages,
/// `$unwind`, expression `$group`s, `$lookup`, `$facet`, `$bucket`, `$expr` in queries, find projection
/// operators, and MongoDB's error codes for what the engine refuses.
@Suite("Aggregation stages")
struct AggregationStageTests {
    private func aggregate(_ engine: EngineHarness, _ pipeline: [BSONValue], collection: String = "c") async throws -> [Document] {
        let reply = try await engine.command(["aggregate": .string(collection), "pipeline": .array(pipeline), "cursor": [:]])
        return reply["cursor"]?.documentValue?["firstBatch"]?.arrayValue?.compactMap(\.documentValue) ?? []
    }

    private func failureCode(_ engine: EngineHarness, _ pipeline: [BSONValue]) async -> Int64? {
        do {
            _ = try await engine.command(["aggregate": "c", "pipeline": .array(pipeline), "cursor": [:]])
            return nil
        } catch {
            return (error as? MongoError)?.serverCode
        }
    }

    @Test func reshapingStages() async throws {
        try await withEngine { engine in
            _ = try await engine.client.insertMany([["_id": 1, "a": 2, "b": ["c": 3], "tmp": true]], into: engine.namespace("c"))
            let projected = try await aggregate(engine, [["$project": ["total": ["$add": ["$a", "$b.c"]], "a": 1]]])
            #expect(projected == [["_id": 1, "a": 2, "total": 5]])
            let added = try await aggregate(engine, [["$set": ["a": ["$multiply": ["$a", 10]], "n": ["$literal": "$x"]]],
                                                     ["$unset": ["tmp", "b"]]])
            #expect(added == [["_id": 1, "a": 20, "n": "$x"]])
            let replaced = try await aggregate(engine, [["$replaceWith": ["inner": "$b", "id": "$_id"]]])
            #expect(replaced == [["inner": ["c": 3], "id": 1]])
            #expect(await failureCode(engine, [["$replaceRoot": ["newRoot": "$a"]]]) == 40228)
        }
    }

    @Test func unwindBothForms() async throws {
        try await withEngine { engine in
            _ = try await engine.client.insertMany([
                ["_id": 1, "t": ["x", "y"]], ["_id": 2, "t": []], ["_id": 3, "t": .null], ["_id": 4], ["_id": 5, "t": "solo"],
            ], into: engine.namespace("c"))
            let plain = try await aggregate(engine, [["$unwind": "$t"]])
            #expect(plain == [["_id": 1, "t": "x"], ["_id": 1, "t": "y"], ["_id": 5, "t": "solo"]])
            let kept = try await aggregate(engine, [["$unwind": ["path": "$t", "includeArrayIndex": "i", "preserveNullAndEmptyArrays": true]]])
            #expect(kept == [
                ["_id": 1, "t": "x", "i": .int64(0)], ["_id": 1, "t": "y", "i": .int64(1)], ["_id": 2, "i": .null],
                ["_id": 3, "t": .null, "i": .null], ["_id": 4, "i": .null], ["_id": 5, "t": "solo", "i": .null],
            ])
            #expect(await failureCode(engine, [["$unwind": "t"]]) == 28818)
            #expect(await failureCode(engine, [["$unwind": 5]]) == 15981)
        }
    }

    @Test func groupsByExpressionsWithEveryAccumulator() async throws {
        try await withEngine { engine in
            _ = try await engine.client.insertMany([
                ["k": 1, "v": 5, "tag": "a"], ["k": 1.0, "v": 7, "tag": "b"], ["k": .int64(1), "v": 5, "tag": "a"],
                ["k": 2, "v": 1, "tag": "c"],
            ], into: engine.namespace("c"))
            let groups = try await aggregate(engine, [
                ["$group": ["_id": ["key": "$k"], "n": ["$count": [:]], "sum": ["$sum": ["$multiply": ["$v", 2]]],
                            "avg": ["$avg": "$v"], "all": ["$push": "$v"], "tags": ["$addToSet": "$tag"],
                            "first": ["$first": "$tag"], "last": ["$last": "$tag"], "lo": ["$min": "$v"], "hi": ["$max": "$v"]]],
                ["$sort": ["_id.key": 1]],
            ])
            // 1, 1.0 and NumberLong(1) are one group, keyed by the first value seen.
            #expect(groups == [
                ["_id": ["key": 1], "n": 3, "sum": 34, "avg": .double(17.0 / 3), "all": [5, 7, 5], "tags": ["a", "b"],
                 "first": "a", "last": "a", "lo": 5, "hi": 7],
                ["_id": ["key": 2], "n": 1, "sum": 2, "avg": 1.0, "all": [1], "tags": ["c"], "first": "c", "last": "c", "lo": 1, "hi": 1],
            ])
            #expect(await failureCode(engine, [["$group": ["_id": .null, "x": ["$median": "$v"]]]]) == 15952)
        }
    }

    @Test func lookupJoinsByEqualityThroughAnIndex() async throws {
        try await withEngine { engine in
            try await engine.client.createIndexes([IndexModel(keys: ["author": 1])], in: engine.namespace("posts"))
            _ = try await engine.client.insertMany([
                ["_id": 1, "author": "ann"], ["_id": 2, "author": "bob"], ["_id": 3, "author": "ann"], ["_id": 4],
            ], into: engine.namespace("posts"))
            _ = try await engine.client.insertMany([
                ["_id": "ann"], ["_id": "bob", "aliases": ["bob", "ann"]], ["_id": "cy"], ["_id": "nobody", "name": .null],
            ], into: engine.namespace("c"))
            let byName = try await aggregate(engine, [
                ["$lookup": ["from": "posts", "localField": "_id", "foreignField": "author", "as": "posts"]],
                ["$project": ["ids": "$posts._id"]],
            ])
            #expect(byName == [["_id": "ann", "ids": [1, 3]], ["_id": "bob", "ids": [2]], ["_id": "cy", "ids": []],
                               ["_id": "nobody", "ids": []]])
            // An array local field matches any element; a missing one matches foreign documents without the field.
            let byAlias = try await aggregate(engine, [
                ["$lookup": ["from": "posts", "localField": "aliases", "foreignField": "author", "as": "p"]],
                ["$project": ["n": ["$size": "$p"]]],
            ])
            #expect(byAlias.map { $0["n"] } == [.int32(1), .int32(3), .int32(1), .int32(1)])
            let fromMissing = try await aggregate(engine, [
                ["$lookup": ["from": "nothing", "localField": "_id", "foreignField": "x", "as": "p"]], ["$limit": 1],
            ])
            #expect(fromMissing == [["_id": "ann", "p": []]])
            #expect(await failureCode(engine, [["$lookup": ["from": "posts", "as": "p"]]]) == 9)
        }
    }

    @Test func facetBucketAndSortByCount() async throws {
        try await withEngine { engine in
            let prices = [5, 12, 18, 25, 40, 41, 99]
            _ = try await engine.client.insertMany(prices.enumerated().map { ["p": .int32(Int32($1)), "c": .string($0 % 2 == 0 ? "even" : "odd")] },
                                                   into: engine.namespace("c"))
            let buckets = try await aggregate(engine, [
                ["$bucket": ["groupBy": "$p", "boundaries": [0, 10, 20, 50], "default": "other",
                             "output": ["n": ["$sum": 1], "max": ["$max": "$p"]]]],
            ])
            #expect(buckets == [["_id": 0, "n": 1, "max": 5], ["_id": 10, "n": 2, "max": 18], ["_id": 20, "n": 3, "max": 41],
                                ["_id": "other", "n": 1, "max": 99]])
            #expect(await failureCode(engine, [["$bucket": ["groupBy": "$p", "boundaries": [0, 50]]]]) == 40066)
            #expect(await failureCode(engine, [["$bucket": ["groupBy": "$p", "boundaries": [10, 0]]]]) == 40194)
            let byCount = try await aggregate(engine, [["$sortByCount": "$c"]])
            #expect(byCount == [["_id": "even", "count": 4], ["_id": "odd", "count": 3]])
            let facets = try await aggregate(engine, [
                ["$facet": ["cheap": [["$match": ["p": ["$lt": 20]]], ["$count": "n"]],
                            "top": [["$sort": ["p": -1]], ["$limit": 2], ["$project": ["_id": 0, "p": 1]]]]],
            ])
            #expect(facets == [["cheap": [["n": 3]], "top": [["p": 99], ["p": 41]]]])
            let empty = try await aggregate(engine, [["$facet": ["all": [["$match": ["p": 1000]]]]]], collection: "none")
            #expect(empty == [["all": []]])
            #expect(await failureCode(engine, [["$facet": ["x": [["$facet": ["y": [["$limit": 1]]]]]]]]) == 40600)
        }
    }

    @Test func sortWithLimitAndFromAnIndexMatchesAReference() async throws {
        try await withEngine { engine in
            try await engine.client.createIndexes([IndexModel(keys: ["v": 1])], in: engine.namespace("c"))
            let values = (0..<300).map { ($0 * 53) % 211 }
            _ = try await engine.client.insertMany(values.enumerated().map { ["i": .int32(Int32($0)), "v": .int32(Int32($1))] },
                                                   into: engine.namespace("c"))
            let reference = values.enumerated().sorted { ($0.element, $0.offset) < ($1.element, $1.offset) }
            let indexed = try await aggregate(engine, [["$match": ["v": ["$gte": 100]]], ["$sort": ["v": -1]], ["$limit": 5]])
            #expect(indexed.map { $0["v"]?.integerValue } == reference.filter { $0.element >= 100 }.suffix(5).reversed().map { Int64($0.element) })
            let topK = try await aggregate(engine, [["$sort": ["i": -1]], ["$limit": 3], ["$project": ["_id": 0, "i": 1]]])
            #expect(topK == [["i": 299], ["i": 298], ["i": 297]])
        }
    }

    @Test func exprWorksInFindCountAndMatch() async throws {
        try await withEngine { engine in
            let ns = engine.namespace("c")
            _ = try await engine.client.insertMany([["a": 1, "b": 2], ["a": 5, "b": 2], ["a": 3, "b": 3]], into: ns)
            let expr: Document = ["$expr": ["$gt": ["$a", "$b"]]]
            #expect(try await engine.client.find(expr, in: ns).map { $0["a"] } == [.int32(5)])
            let count = try await engine.command(["count": "c", "query": .document(expr)])
            #expect(count["n"]?.integerValue == 1)
            let matched = try await aggregate(engine, [["$match": ["$expr": ["$eq": ["$a", "$b"]]]], ["$project": ["_id": 0]]])
            #expect(matched == [["a": 3, "b": 3]])
            let failed = await #expect(throws: MongoError.self) {
                _ = try await engine.command(["find": "c", "filter": ["$expr": ["$divide": ["$a", ["$subtract": ["$b", 2]]]]]])
            }
            #expect(failed?.serverCode == 16608)
        }
    }

    @Test func findProjectionOperators() async throws {
        try await withEngine { engine in
            _ = try await engine.client.insertMany([["_id": 1, "xs": [1, 2, 3, 4], "kids": [["n": "a", "age": 3], ["n": "b", "age": 9]], "a": 2]],
                                                   into: engine.namespace("c"))
            let reply = try await engine.command(["find": "c", "projection": ["xs": ["$slice": -2], "kids": ["$elemMatch": ["age": ["$gt": 5]]],
                                                                            "double": ["$multiply": ["$a", 2]]]])
            let first = reply["cursor"]?.documentValue?["firstBatch"]?.arrayValue?.first?.documentValue
            #expect(first == ["_id": 1, "xs": [3, 4], "kids": [["n": "b", "age": 9]], "double": 4])
            let bad = await #expect(throws: MongoError.self) {
                _ = try await engine.command(["find": "c", "projection": ["xs": ["$slice": [1, 0]]]])
            }
            #expect(bad?.serverCode == 2)
        }
    }

    @Test func sampleTakesDistinctDocumentsUpToTheSize() async throws {
        try await withEngine { engine in
            _ = try await engine.client.insertMany((0..<50).map { ["i": .int32(Int32($0))] }, into: engine.namespace("c"))
            let sample = try await aggregate(engine, [["$sample": ["size": 10]], ["$project": ["_id": 0, "i": 1]]])
            let picked = Set(sample.compactMap { $0["i"]?.integerValue })
            #expect(sample.count == 10 && picked.count == 10 && picked.allSatisfy { (0..<50).contains($0) })
            #expect(try await aggregate(engine, [["$sample": ["size": 500]]]).count == 50)
            #expect(await failureCode(engine, [["$sample": ["size": -1]]]) == 28747)
            #expect(await failureCode(engine, [["$sample": [:]]]) == 28749)
        }
    }

    @Test func refusalsCarryMongoDBCodes() async throws {
        try await withEngine { engine in
            _ = try await engine.client.insertMany([["a": 0]], into: engine.namespace("c"))
            #expect(await failureCode(engine, [["$out": "other"]]) == 115)
            #expect(await failureCode(engine, [["$merge": ["into": "other"]]]) == 115)
            #expect(await failureCode(engine, [["$project": ["x": ["$frob": 1]]]]) == 168)
            #expect(await failureCode(engine, [["$project": ["x": ["$divide": [1, "$a"]]]]]) == 16608)
            #expect(await failureCode(engine, [["$bogus": 1]]) == 40324)
        }
    }
}
