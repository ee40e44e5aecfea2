import BSON
@testable import DocEngine
import Foundation
import MongoPool
import Testing

/// Collection-level administration: listing, statistics, renaming, validation.
@Suite("Collection administration commands")
struct CollectionAdminTests {
    static func firstBatch(_ reply: Document) -> [Document] {
        reply["cursor"]?.documentValue?["firstBatch"]?.arrayValue?.compactMap(\.documentValue) ?? []
    }

    @Test func listCollectionsInMongoDBShapeWithStableUUIDs() async throws {
        let first = try await EngineHarness.start()
        defer { first.removeData() }
        _ = try await first.command(["create": "alpha"])
        _ = try await first.command(["create": "beta"])
        let entries = Self.firstBatch(try await first.command(["listCollections": 1]))
        #expect(entries.count == 2)
        let alpha = try #require(entries.first)
        #expect(alpha["type"]?.stringValue == "collection")
        #expect(alpha["options"] == .document([:]))
        #expect(alpha.value(atPath: "info.readOnly") == .bool(false))
        #expect(alpha.value(atPath: "idIndex.name")?.stringValue == "_id_")
        guard case .binary(4, let uuid)? = alpha.value(atPath: "info.uuid") else {
            Issue.record("info.uuid is not a UUID: \(alpha)")
            return
        }
        #expect(uuid.count == 16)
        #expect(entries[1].value(atPath: "info.uuid") != alpha.value(atPath: "info.uuid"))

        let named = Self.firstBatch(try await first.command(["listCollections": 1, "filter": ["name": "beta"], "nameOnly": true,
                                                             "authorizedCollections": true]))
        #expect(named == [["name": "beta", "type": "collection"]])
        await first.stop()

        let second = try await EngineHarness.start(directory: first.directory)
        let again = Self.firstBatch(try await second.command(["listCollections": 1, "filter": ["name": "alpha"]]))
        #expect(again.first?.value(atPath: "info.uuid") == alpha.value(atPath: "info.uuid"))
        await second.stop()
    }

    @Test func dataDirectoryFromBeforeUUIDsGainsThem() async throws {
        let first = try await EngineHarness.start()
        defer { first.removeData() }
        _ = try await first.client.insert(["x": 1], into: first.namespace("old"))
        await first.stop()
        do {
            // The catalog as builds before collection UUIDs wrote it.
            let path = (first.directory as NSString).appendingPathComponent(DocumentStore.fileName)
            let connection = try SQLiteConnection(path: path, readOnly: false, vfs: nil)
            try connection.execute("DROP TRIGGER catalog_collections_uuid; ALTER TABLE catalog_collections DROP COLUMN uuid")
        }
        let second = try await EngineHarness.start(directory: first.directory)
        let entries = Self.firstBatch(try await second.command(["listCollections": 1]))
        #expect(entries.first?["name"]?.stringValue == "old")
        guard case .binary(4, let uuid)? = entries.first?.value(atPath: "info.uuid") else {
            Issue.record("no uuid after the upgrade: \(entries)")
            await second.stop()
            return
        }
        #expect(uuid.count == 16)
        _ = try await second.command(["create": "new"])
        let both = Self.firstBatch(try await second.command(["listCollections": 1]))
        #expect(both.compactMap { $0.value(atPath: "info.uuid") }.count == 2)
        #expect(try await second.client.find(in: second.namespace("old")).count == 1)
        await second.stop()
    }

    @Test func listCollectionsHonoursBatchSize() async throws {
        try await withEngine { engine in
            for name in ["a", "b", "c"] { _ = try await engine.command(["create": .string(name)]) }
            let reply = try await engine.command(["listCollections": 1, "cursor": ["batchSize": 1], "nameOnly": true])
            #expect(Self.firstBatch(reply).count == 1)
            let id = try #require(reply.value(atPath: "cursor.id")?.integerValue)
            #expect(id != 0)
            let more = try await engine.command(["getMore": .int64(id), "collection": "$cmd.listCollections"])
            #expect(more.value(atPath: "cursor.nextBatch")?.arrayValue?.count == 2)
        }
    }

    @Test func listIndexesKeepsTheOptionsGiven() async throws {
        try await withEngine { engine in
            _ = try await engine.command(["createIndexes": "c", "indexes": [
                ["key": ["a": 1], "name": "a_1", "unique": true, "sparse": true],
                ["key": ["b": -1], "name": "b_-1", "partialFilterExpression": ["b": ["$gt": 5]]],
            ]])
            let specs = Self.firstBatch(try await engine.command(["listIndexes": "c"]))
            #expect(specs.map { $0["name"]?.stringValue } == ["_id_", "a_1", "b_-1"])
            #expect(specs[1]["unique"] == .bool(true))
            #expect(specs[1]["sparse"] == .bool(true))
            #expect(specs[1]["partialFilterExpression"] == nil)
            #expect(specs[2].value(atPath: "partialFilterExpression.b.$gt")?.integerValue == 5)
            #expect(specs.allSatisfy { $0["v"]?.integerValue == 2 })

            // The version and the key pattern come back as given.
            _ = try await engine.command(["createIndexes": "c", "indexes": [["key": ["c": .int64(1)], "name": "c_1", "v": 1]]])
            let c = try #require(Self.firstBatch(try await engine.command(["listIndexes": "c"])).first { $0["name"] == "c_1" })
            #expect(c["v"] == .int32(1))
            #expect(c["key"] == ["c": .int64(1)])
            let badVersion = await #expect(throws: MongoError.self) {
                _ = try await engine.command(["createIndexes": "c", "indexes": [["key": ["d": 1], "name": "d_1", "v": 3]]])
            }
            #expect(badVersion?.serverCode == 67)
        }
    }

    @Test func sparseUniqueIndexSkipsDocumentsWithoutTheField() async throws {
        try await withEngine { engine in
            _ = try await engine.command(["createIndexes": "s", "indexes": [["key": ["email": 1], "name": "email_1", "unique": true, "sparse": true]]])
            _ = try await engine.client.insertMany([["n": 1], ["n": 2], ["email": "x@example.com"]], into: engine.namespace("s"))
            let duplicate = await #expect(throws: MongoError.self) {
                _ = try await engine.client.insert(["email": "x@example.com"], into: engine.namespace("s"))
            }
            #expect(duplicate?.isDuplicateKey == true)
            // Documents missing the field are not in the index but still match a null query.
            let nulls = try await engine.client.find(["email": .null], in: engine.namespace("s"))
            #expect(nulls.count == 2)
            let validation = try await engine.command(["validate": "s"])
            #expect(validation.value(atPath: "keysPerIndex.email_1")?.integerValue == 1)
            #expect(validation["valid"] == .bool(true))
        }
    }

    @Test func collStatsAndDbStatsMeasureTheData() async throws {
        try await withEngine { engine in
            let documents: [Document] = (0..<50).map { ["_id": .int32(Int32($0)), "text": .string(String(repeating: "x", count: 100))] }
            _ = try await engine.client.insertMany(documents, into: engine.namespace("sized"))
            _ = try await engine.command(["createIndexes": "sized", "indexes": [["key": ["text": 1], "name": "text_1"]]])
            let dataSize = Int64(documents.reduce(0) { $0 + $1.byteCount })

            let stats = try await engine.command(["collStats": "sized"])
            #expect(stats["ns"]?.stringValue == "test.sized")
            #expect(stats["count"]?.integerValue == 50)
            #expect(stats["size"]?.integerValue == dataSize)
            #expect(stats["avgObjSize"]?.integerValue == dataSize / 50)
            #expect(stats["nindexes"]?.integerValue == 2)
            let indexSizes = try #require(stats["indexSizes"]?.documentValue)
            #expect(indexSizes.keys == ["_id_", "text_1"])
            #expect(indexSizes["text_1"]!.integerValue! > 0)
            #expect(stats["totalIndexSize"]?.integerValue == indexSizes.values.compactMap(\.integerValue).reduce(0, +))
            #expect(stats["storageSize"]!.integerValue! >= 4096)
            let scaled = try await engine.command(["collStats": "sized", "scale": 1024])
            #expect(scaled["size"]?.integerValue == dataSize / 1024)
            #expect(scaled["scaleFactor"]?.integerValue == 1024)

            let db = try await engine.command(["dbStats": 1])
            #expect(db["db"]?.stringValue == "test")
            #expect(db["collections"]?.integerValue == 1)
            #expect(db["objects"]?.integerValue == 50)
            #expect(db["indexes"]?.integerValue == 2)
            #expect(db["dataSize"]?.doubleValue == Double(dataSize))
            #expect(db["fsTotalSize"]!.doubleValue! >= db["fsUsedSize"]!.doubleValue!)
            let badScale = await #expect(throws: MongoError.self) { _ = try await engine.command(["dbStats": 1, "scale": 0]) }
            #expect(badScale?.serverCode == 51024)
            let missing = await #expect(throws: MongoError.self) { _ = try await engine.command(["collStats": "nothing"]) }
            #expect(missing?.serverCode == 26)

            let stage = Self.firstBatch(try await engine.command([
                "aggregate": "sized", "pipeline": [["$collStats": ["count": [:], "storageStats": [:]]]], "cursor": [:],
            ]))
            #expect(stage.count == 1)
            #expect(stage.first?["count"]?.integerValue == 50)
            #expect(stage.first?.value(atPath: "storageStats.size")?.integerValue == dataSize)
            let projected = Self.firstBatch(try await engine.command([
                "aggregate": "sized", "pipeline": [["$collStats": ["count": [:]]], ["$project": ["count": 1, "_id": 0]]], "cursor": [:],
            ]))
            #expect(projected == [["count": .int64(50)]])
        }
    }
}
