import BSON
import MongoPool
import Testing

@Suite("Restart persistence")
struct PersistenceTests {
    @Test func documentsAndIndexesSurviveReopen() async throws {
        let first = try await EngineHarness.start()
        let ns = first.namespace("keep")
        try await first.client.createIndexes([
            IndexModel(keys: ["room_id": 1, "client_id": 1], unique: true,
                       partialFilterExpression: ["client_id": ["$exists": true]]),
        ], in: ns)
        _ = try await first.client.insertMany((0..<300).map { ["n": .int32(Int32($0)), "room_id": "r", "client_id": .string("c\($0)")] }, into: ns)
        await first.stop()

        let second = try await EngineHarness.start(directory: first.directory)
        defer { second.removeData() }
        let count = try await second.command(["count": "keep"])
        #expect(count["n"]?.integerValue == 300)
        let indexes = try await second.command(["listIndexes": "keep"])
        let names = indexes["cursor"]?.documentValue?["firstBatch"]?.arrayValue?.compactMap { $0.documentValue?["name"]?.stringValue }
        #expect(names == ["_id_", "room_id_1_client_id_1"])
        // The unique index still holds its entries after the restart.
        let dup = await #expect(throws: MongoError.self) {
            _ = try await second.client.insert(["room_id": "r", "client_id": "c7"], into: ns)
        }
        #expect(dup?.isDuplicateKey == true)
        await second.stop()
    }
}
