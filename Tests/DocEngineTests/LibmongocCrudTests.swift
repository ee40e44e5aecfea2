import BSON
import MongoPool
import Testing

/// The same CRUD operations as the pymongo suite, through the project's own libmongoc client
/// (mongoc_collection_update_one, delete_many, find_and_modify_with_opts…), as msgsvc itself calls them.
@Suite("libmongoc client: update, replace, delete, findAndModify, distinct")
struct LibmongocCrudTests {
    @Test func updateReplaceAndUpsert() async throws {
        try await withEngine { engine in
            let ns = engine.namespace("c")
            _ = try await engine.client.insertMany([["_id": 1, "n": 1, "tags": ["a"]], ["_id": 2, "n": 1]], into: ns)
            let one = try await engine.client.updateOne(["n": 1], ["$inc": ["n": 1], "$addToSet": ["tags": "b"]], in: ns)
            #expect(one.matchedCount == 1 && one.modifiedCount == 1 && one.upsertedID == nil)
            let many = try await engine.client.updateMany(["n": ["$gte": 1]], ["$set": ["seen": true]], in: ns)
            #expect(many.matchedCount == 2 && many.modifiedCount == 2)
            let replaced = try await engine.client.replaceOne(["_id": 2], with: ["only": true], in: ns)
            #expect(replaced.modifiedCount == 1)
            let upsert = try await engine.client.updateOne(["_id": 7], ["$set": ["made": true]], in: ns, options: UpdateOptions(upsert: true))
            #expect(upsert.upsertedID == .int32(7))
            let filtered = try await engine.client.updateOne(
                ["_id": 1], ["$set": ["tags.$[t]": "z"]], in: ns,
                options: UpdateOptions(arrayFilters: [["t": "a"]]))
            #expect(filtered.modifiedCount == 1)
            let docs = try await engine.client.find(in: ns, options: FindOptions(sort: ["_id": 1]))
            #expect(docs == [["_id": 1, "n": 2, "tags": ["z", "b"], "seen": true], ["_id": 2, "only": true], ["_id": 7, "made": true]])
        }
    }

    @Test func deleteFindAndModifyAndDistinct() async throws {
        try await withEngine { engine in
            let ns = engine.namespace("d")
            _ = try await engine.client.insertMany((0..<6).map { ["_id": .int32(Int32($0)), "g": .int32(Int32($0 % 3))] }, into: ns)
            #expect(try await engine.client.distinct("g", in: ns) == [0, 1, 2])
            #expect(try await engine.client.delete(["g": 0], in: ns) == 1)
            #expect(try await engine.client.delete(["g": ["$in": [0, 1]]], many: true, in: ns) == 3)

            let after = try await engine.client.findAndModify(
                ["g": 2], in: ns, options: FindAndModifyOptions(sort: ["_id": -1], update: ["$set": ["x": 1]], returnNew: true))
            #expect(after == ["_id": 5, "g": 2, "x": 1])
            let removed = try await engine.client.findAndModify(["_id": 2], in: ns, options: FindAndModifyOptions(remove: true))
            #expect(removed == ["_id": 2, "g": 2])
            let none = try await engine.client.findAndModify(["_id": 2], in: ns, options: FindAndModifyOptions(remove: true))
            #expect(none == nil)
            let conflict = await #expect(throws: MongoError.self) {
                _ = try await engine.client.updateOne(["_id": 5], ["$set": ["_id": 9]], in: ns)
            }
            #expect(conflict?.serverCode == 66)
        }
    }
}
