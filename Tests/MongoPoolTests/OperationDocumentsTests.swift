import BSON
import Testing
@testable import MongoPool

/// What the operations hand to libmongoc, checked without a server.
@Suite struct OperationDocumentsTests {
    @Test func indexNamesFollowTheServerConvention() {
        #expect(IndexModel(keys: ["room": 1, "sentAt": -1]).resolvedName == "room_1_sentAt_-1")
        #expect(IndexModel(keys: ["text": "text"]).resolvedName == "text_text")
        #expect(IndexModel(keys: ["room": 1], name: "by_room").resolvedName == "by_room")
    }

    @Test func createIndexesCommandCarriesEveryOption() throws {
        let operation = CreateIndexes(
            indexes: [
                IndexModel(keys: ["clientId": 1], unique: true, partialFilterExpression: ["clientId": ["$exists": true]]),
                IndexModel(keys: ["room": 1, "sentAt": -1]),
            ],
            namespace: Namespace(database: "chat", collection: "messages"))
        let expected = try Document(extendedJSON: """
            {"createIndexes": "messages", "indexes": [
              {"key": {"clientId": 1}, "name": "clientId_1", "unique": true,
               "partialFilterExpression": {"clientId": {"$exists": true}}},
              {"key": {"room": 1, "sentAt": -1}, "name": "room_1_sentAt_-1"}]}
            """)
        #expect(operation.command == expected)
    }

    @Test func findOptionsBecomeFindCommandOptions() throws {
        let options = FindOptions(
            sort: ["sentAt": -1], projection: ["text": 1], skip: 5, limit: 20, batchSize: 10, singleBatch: true)
        let expected: Document = [
            "sort": ["sentAt": -1], "projection": ["text": 1], "skip": .int64(5), "limit": .int64(20),
            "batchSize": .int32(10), "singleBatch": true,
        ]
        #expect(options.document == expected)
        #expect(FindOptions().document.isEmpty)
    }

    @Test func writeConcernDocument() {
        let concern = WriteConcern(w: .majority, journal: true, timeout: .milliseconds(1500))
        #expect(concern.document == ["w": "majority", "j": true, "wtimeout": .int64(1500)])
        #expect(WriteConcern.unacknowledged.document == ["w": 0])
    }

    @Test func missingIDIsAddedFirstAndReturned() {
        let (document, id) = (["text": "hi"] as Document).withID()
        #expect(document.keys == ["_id", "text"])
        #expect(id.objectIdValue != nil)
        #expect(document["_id"] == id)

        let given: Document = ["_id": "m-1", "text": "hi"]
        let (unchanged, givenID) = given.withID()
        #expect(unchanged == given)
        #expect(givenID == "m-1")
    }

    @Test func emptyNamesAreRejectedBeforeReachingLibmongoc() async throws {
        let client = try unreachableClient()
        await #expect {
            try await client.insert(["text": "hi"], into: Namespace(database: "chat", collection: ""))
        } throws: { ($0 as? MongoError)?.clientCode == .invalidArgument }
        await #expect {
            try await client.runCommand(["ping": 1], database: "")
        } throws: { ($0 as? MongoError)?.clientCode == .invalidArgument }
        await client.close()
    }
}
