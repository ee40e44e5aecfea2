import Foundation
import Hummingbird
import HummingbirdTesting
import BSON
import Testing
@testable import MessageService

/// The store's change notifications wake a room's feed; without them the feed polls.
@Suite struct LiveWakeUpTests {
    private func liveApp(store: InMemoryMessageStore, pollInterval: Duration) -> some ApplicationProtocol {
        var configuration = ServiceConfiguration(port: 0, live: LiveSettings(pollInterval: pollInterval))
        configuration.requestHeadTimeoutSeconds = 300
        return makeApp(store: store, configuration: configuration)
    }

    /// Posts one message at a time and waits for each on the stream. Only the first one or two could
    /// come by the feed's first read (it may start after them); the later ones can only come by a read
    /// the feed makes later.
    private func postAndReceive(_ client: some TestClientProtocol, _ stream: SSEClient, count: Int) async throws {
        for index in 1...count {
            try await client.postMessage(room: "wake", content: "m\(index)")
            let event = try #require(try await stream.next())
            #expect(event.id == "\(index)")
        }
    }

    /// With a poll interval no test waits out, changes still arrive: the store's notice pokes the feed.
    @Test(.timeLimit(.minutes(1)))
    func notificationsWakeTheFeedLongBeforeItsInterval() async throws {
        try await liveApp(store: InMemoryMessageStore(), pollInterval: .seconds(3600)).test(.live) { client in
            let stream = try await SSEClient(port: try #require(client.port), path: "/rooms/wake/live")
            #expect(stream.status == 200)
            try await postAndReceive(client, stream, count: 4)
            stream.disconnect()
        }
    }

    /// A store that offers no notifications: the feed finds changes by polling.
    @Test(.timeLimit(.minutes(1)))
    func withoutNotificationsTheFeedPolls() async throws {
        let store = InMemoryMessageStore(notifiesRoomChanges: false)
        #expect(try await store.roomChanges() == nil)
        try await liveApp(store: store, pollInterval: .milliseconds(20)).test(.live) { client in
            let stream = try await SSEClient(port: try #require(client.port), path: "/rooms/wake/live")
            #expect(stream.status == 200)
            try await postAndReceive(client, stream, count: 4)
            stream.disconnect()
        }
    }

    @Test func theInMemoryStoreTellsOfItsOwnWrites() async throws {
        let store = InMemoryMessageStore()
        let changes = try #require(try await store.roomChanges())
        var iterator = changes.makeAsyncIterator()
        _ = try await store.insert(NewMessage(roomID: "a", sender: "s", content: "c", clientID: nil, maxContentBytes: 100))
        #expect(try await iterator.next() == .room("a"))
    }

    /// A change event (as the pipeline projects it) names its room; one without its document wakes every feed.
    @Test func aChangeEventNamesItsRoom() {
        let event: Document = ["_id": ["_data": "826"], "fullDocument": ["room_id": "lobby"]]
        #expect(MongoMessageStore.roomChange(event) == .room("lobby"))
        #expect(MongoMessageStore.roomChange(["_id": ["_data": "827"], "fullDocument": .null]) == .unknownRoom)
        // The resume token must survive the projection, or the server ends the stream.
        let projection = MongoMessageStore.roomChangesPipeline.last?["$project"]?.documentValue
        #expect(projection?["_id"] == nil && projection?["fullDocument.room_id"] != nil)
    }
}
