import BSON
import Synchronization
import Testing
@testable import MongoPool

@Suite(.timeLimit(.minutes(1))) struct FindDecodingTests {
    @Test func aFailedFindThrowsTheMongoErrorWithoutDecoding() async throws {
        let client = try unreachableClient()
        let calls = Atomic<Int>(0)
        do {
            _ = try await client.find(
                ["room": "general"], in: Namespace(database: "chat", collection: "messages"),
                options: FindOptions(limit: 10)
            ) { _ in calls.add(1, ordering: .relaxed) }
            Issue.record("the find succeeded without a server")
        } catch let error as MongoError {
            #expect(error.isNoServerAvailable, "\(error)")
        }
        #expect(calls.load(ordering: .relaxed) == 0)
        await client.close()
    }
}
