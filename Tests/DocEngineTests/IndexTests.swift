import BSON
import MongoPool
import Testing

@Suite("Indexes: creation, uniqueness, partial filters")
struct IndexTests {
    @Test func createListAndDropIndexes() async throws {
        try await withEngine { engine in
            let ns = engine.namespace("m")
            try await engine.client.createIndexes([
                IndexModel(keys: ["room_id": 1, "timestamp": 1, "_id": 1]),
                IndexModel(keys: ["room_id": 1, "client_id": 1], unique: true,
                           partialFilterExpression: ["client_id": ["$exists": true]]),
            ], in: ns)
            // Idempotent: the same request again creates nothing and succeeds.
            let again = try await engine.command([
                "createIndexes": "m", "indexes": [["key": ["room_id": 1, "timestamp": 1, "_id": 1], "name": "room_id_1_timestamp_1__id_1"]],
            ])
            #expect(again["numIndexesBefore"]?.integerValue == again["numIndexesAfter"]?.integerValue)

            let list = try await engine.command(["listIndexes": "m"])
            let specs = list["cursor"]?.documentValue?["firstBatch"]?.arrayValue?.compactMap(\.documentValue) ?? []
            #expect(specs.map { $0["name"]?.stringValue } == ["_id_", "room_id_1_timestamp_1__id_1", "room_id_1_client_id_1"])
            #expect(specs[2]["unique"] == .bool(true))
            #expect(specs[2]["partialFilterExpression"] == .document(["client_id": ["$exists": true]]))

            let conflict = await #expect(throws: MongoError.self) {
                _ = try await engine.command(["createIndexes": "m", "indexes": [["key": ["other": 1], "name": "room_id_1_client_id_1"]]])
            }
            #expect(conflict?.serverCode == 86)

            _ = try await engine.command(["dropIndexes": "m", "index": "room_id_1_client_id_1"])
            let idDrop = await #expect(throws: MongoError.self) { _ = try await engine.command(["dropIndexes": "m", "index": "_id_"]) }
            #expect(idDrop?.serverCode == 72)
            let missing = await #expect(throws: MongoError.self) { _ = try await engine.command(["dropIndexes": "m", "index": "nope"]) }
            #expect(missing?.serverCode == 27)
            _ = try await engine.command(["dropIndexes": "m", "index": "*"])
            let after = try await engine.command(["listIndexes": "m"])
            #expect(after["cursor"]?.documentValue?["firstBatch"]?.arrayValue?.count == 1)
            let noCollection = await #expect(throws: MongoError.self) { _ = try await engine.command(["listIndexes": "absent"]) }
            #expect(noCollection?.serverCode == 26)
        }
    }

    @Test func duplicateKeysInOrderedAndUnorderedInserts() async throws {
        try await withEngine { engine in
            let ns = engine.namespace("d")
            _ = try await engine.client.insert(["_id": "a"], into: ns)
            let single = await #expect(throws: MongoError.self) { _ = try await engine.client.insert(["_id": "a"], into: ns) }
            #expect(single?.isDuplicateKey == true)
            #expect(single?.message.contains("E11000 duplicate key error collection: test.d index: _id_ dup key: { _id: \"a\" }") == true)

            let ordered = try await engine.command(["insert": "d", "documents": [["_id": 1], ["_id": 1], ["_id": 2]], "ordered": true])
            #expect(ordered["n"]?.integerValue == 1)
            let orderedErrors = ordered["writeErrors"]?.arrayValue?.compactMap(\.documentValue) ?? []
            #expect(orderedErrors.map { $0["index"]?.integerValue } == [1])
            #expect(orderedErrors.first?["code"]?.integerValue == 11000)

            let unordered = try await engine.command(["insert": "d", "documents": [["_id": 3], ["_id": 3], ["_id": 4], ["_id": 1]], "ordered": false])
            #expect(unordered["n"]?.integerValue == 2)
            let unorderedErrors = unordered["writeErrors"]?.arrayValue?.compactMap(\.documentValue) ?? []
            #expect(unorderedErrors.map { $0["index"]?.integerValue } == [1, 3])
            let all = try await engine.client.find(in: ns, options: FindOptions(sort: ["_id": 1]))
            #expect(all.count == 4)

            let viaClient = await #expect(throws: MongoError.self) {
                _ = try await engine.client.insertMany([["_id": 10], ["_id": 10]], into: ns, ordered: false)
            }
            #expect(viaClient?.isDuplicateKey == true)
        }
    }

    @Test func partialUniqueIndexOnlyConstrainsMatchingDocuments() async throws {
        try await withEngine { engine in
            let ns = engine.namespace("p")
            try await engine.client.createIndexes([
                IndexModel(keys: ["room_id": 1, "client_id": 1], unique: true,
                           partialFilterExpression: ["client_id": ["$exists": true]]),
            ], in: ns)
            _ = try await engine.client.insertMany([["room_id": "r"], ["room_id": "r"]], into: ns)
            _ = try await engine.client.insert(["room_id": "r", "client_id": "c1"], into: ns)
            _ = try await engine.client.insert(["room_id": "s", "client_id": "c1"], into: ns)
            let dup = await #expect(throws: MongoError.self) {
                _ = try await engine.client.insert(["room_id": "r", "client_id": "c1"], into: ns)
            }
            #expect(dup?.isDuplicateKey == true)
            #expect(dup?.message.contains("dup key: { room_id: \"r\", client_id: \"c1\" }") == true)
            let found = try await engine.client.find(["room_id": "r", "client_id": "c1"], in: ns)
            #expect(found.count == 1)
        }
    }

    @Test func uniqueIndexTreatsEqualNumbersAsDuplicates() async throws {
        try await withEngine { engine in
            let ns = engine.namespace("n")
            try await engine.client.createIndexes([IndexModel(keys: ["v": 1], unique: true)], in: ns)
            _ = try await engine.client.insert(["v": 1], into: ns)
            let dup = await #expect(throws: MongoError.self) { _ = try await engine.client.insert(["v": 1.0], into: ns) }
            #expect(dup?.isDuplicateKey == true)
        }
    }

    @Test func buildingAUniqueIndexOverDuplicatesFails() async throws {
        try await withEngine { engine in
            let ns = engine.namespace("b")
            _ = try await engine.client.insertMany([["e": 1], ["e": 1]], into: ns)
            let error = await #expect(throws: MongoError.self) {
                try await engine.client.createIndexes([IndexModel(keys: ["e": 1], unique: true)], in: ns)
            }
            #expect(error?.serverCode == 11000)
            let list = try await engine.command(["listIndexes": "b"])
            #expect(list["cursor"]?.documentValue?["firstBatch"]?.arrayValue?.count == 1)
        }
    }
}
