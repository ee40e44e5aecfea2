import BSON
import Foundation
import MongoPool
import Testing

/// Editing, deleting, the change feed and live streams, over real HTTP against the built binary.
@Suite("Edits, deletes and the change feed against the running binary")
struct ChangeFeedTests {
    @Test(arguments: Backend.available)
    func editDeleteAndFollowTheChanges(backend: Backend) async throws {
        try await withService(backend) { service in
            let client = service.client
            let first = try await client.postJSON("/rooms/r/messages", ["sender": "a", "content": "one", "client_id": "k1"])
            let second = try await client.postJSON("/rooms/r/messages", ["sender": "b", "content": "two"])
            #expect(first.object["seq"] as? Int == 1 && second.object["seq"] as? Int == 2)
            let id = try #require(first.object["id"] as? String)

            let edited = try await client.send("PATCH", "/rooms/r/messages/\(id)", headers: [("Content-Type", "application/json")],
                                               body: Array(#"{"content":"one, edited"}"#.utf8))
            #expect(edited.status == 200)
            #expect(edited.object["change"] as? Int == 3)
            #expect(edited.object["edited_at"] is String)
            let same = try await client.send("PATCH", "/rooms/r/messages/\(id)", headers: [("Content-Type", "application/json")],
                                             body: Array(#"{"content":"one, edited"}"#.utf8))
            #expect(same.status == 200 && same.object["change"] as? Int == 3, "the same content again is a no-op")
            let unknown = try await client.send("PATCH", "/rooms/r/messages/\(id)", headers: [("Content-Type", "application/json")],
                                                body: Array(#"{"content":"x","sender":"z"}"#.utf8))
            #expect(unknown.status == 400)

            let deleted = try await client.send("DELETE", "/rooms/r/messages/\(id)")
            #expect(deleted.status == 200)
            #expect(deleted.object["deleted"] as? Bool == true && deleted.object["change"] as? Int == 4)
            #expect(deleted.object["content"] == nil)
            #expect(try await client.send("DELETE", "/rooms/r/messages/\(id)").text == deleted.text)
            #expect(try await client.get("/rooms/r/messages/\(id)").text == deleted.text)
            let retried = try await client.postJSON("/rooms/r/messages", ["sender": "a", "content": "one", "client_id": "k1"])
            #expect(retried.status == 200 && retried.text == deleted.text)
            let refused = try await client.send("PATCH", "/rooms/r/messages/\(id)", headers: [("Content-Type", "application/json")],
                                                body: Array(#"{"content":"again"}"#.utf8))
            #expect(refused.status == 409 && refused.errorCode == "conflict")
            #expect(try await client.send("DELETE", "/rooms/r/messages/000000000000000000000000").status == 404)

            let changes = try await client.get("/rooms/r/changes?after=1&limit=1")
            #expect(changes.status == 200)
            #expect((changes.object["changes"] as? [[String: Any]])?.map { $0["change"] as? Int } == [2])
            #expect(changes.object["last_change"] as? Int == 2 && changes.object["has_more"] as? Bool == true)
            let rest = try await client.get("/rooms/r/changes?after=2")
            #expect((rest.object["changes"] as? [[String: Any]])?.map { $0["change"] as? Int } == [4])
            #expect(try await client.get("/rooms/r/changes?after=-1").status == 400)

            let history = try await client.get("/rooms/r/messages")
            #expect((history.object["messages"] as? [[String: Any]])?.map { $0["seq"] as? Int } == [1, 2])
        }
    }

    @Test(arguments: Backend.available)
    func liveStreamsReplayFollowAndEndCleanlyOnSIGTERM(backend: Backend) async throws {
        try await withService(backend) { service in
            let client = service.client
            _ = try await client.postJSON("/rooms/live/messages", ["sender": "a", "content": "before"])
            let stream = try EventStream(port: service.port, path: "/rooms/live/live", headers: [("Last-Event-ID", "0")])
            #expect(await stream.waitFor("id: 1\nevent: message\ndata: {"))
            #expect(stream.text.contains("text/event-stream"))
            #expect(stream.text.contains("retry: "))
            _ = try await client.postJSON("/rooms/live/messages", ["sender": "b", "content": "after"])
            #expect(await stream.waitFor("id: 2\nevent: message\n"))
            #expect(stream.text.contains(#""content":"after""#))

            service.service?.signal(SIGTERM)
            #expect(await stream.readToEnd(), "the stream ends with its last chunk: \(stream.text.suffix(80))")
            #expect(await service.service?.waitForExit() == 0)
        }
    }

    /// Messages stored by the previous version (no seq, no change) are numbered once at start-up, in their
    /// old (timestamp, id) order, and new messages follow them.
    @Test func startUpNumbersTheMessagesOfThePreviousVersion() async throws {
        try await withService(.standaloneEngine) { service in
            await service.stopService()
            let mongo = try MongoClient(settings: MongoClientSettings(uri: MongoURI(service.uri!)))
            _ = try await mongo.runCommand(["drop": "messages"], database: service.database)
            _ = try await mongo.runCommand(["drop": "msgsvc_meta"], database: service.database)
            let messages = Namespace(database: service.database, collection: "messages")
            // As the previous version wrote them, inserted out of order; ids break the timestamp tie.
            let ids = (0..<4).map { _ in ObjectId() }
            let old: [Document] = [
                ["_id": .objectId(ids[2]), "room_id": "old", "timestamp": .datetime(2000), "sender": "s", "content": "third"],
                ["_id": .objectId(ids[0]), "room_id": "old", "timestamp": .datetime(1000), "sender": "s", "content": "first"],
                ["_id": .objectId(ids[3]), "room_id": "old", "timestamp": .datetime(3000), "sender": "s", "content": "fourth"],
                ["_id": .objectId(ids[1]), "room_id": "old", "timestamp": .datetime(2000), "sender": "s", "content": "second"],
            ]
            _ = try await mongo.insertMany(old, into: messages)
            await mongo.close()

            try await service.start()
            let client = service.client
            let history = try await client.get("/rooms/old/messages").object["messages"] as? [[String: Any]]
            #expect(history?.map { $0["content"] as? String } == ["first", "second", "third", "fourth"])
            #expect(history?.map { $0["seq"] as? Int } == [1, 2, 3, 4])
            #expect(history?.map { $0["change"] as? Int } == [1, 2, 3, 4])
            let new = try await client.postJSON("/rooms/old/messages", ["sender": "s", "content": "fifth"])
            #expect(new.object["seq"] as? Int == 5 && new.object["change"] as? Int == 5)
            #expect(new.object["timestamp"] as? String != nil)

            // A second start-up does not number anything again.
            await service.stopService()
            try await service.start()
            let again = try await service.client.get("/rooms/old/changes").object["changes"] as? [[String: Any]]
            #expect(again?.map { $0["change"] as? Int } == [1, 2, 3, 4, 5])
        }
    }
}
