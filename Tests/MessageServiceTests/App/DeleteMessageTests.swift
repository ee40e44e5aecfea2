import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import MessageService

@Suite struct DeleteMessageTests {
    @Test func leavesATombstoneEverywhere() async throws {
        try await makeApp().test(.router) { client in
            let created = try await client.postMessage(content: "secret", clientID: "c-1")
            try await client.postMessage(content: "after")
            let id = try #require(created["id"] as? String)
            let response = try await client.delete("/rooms/lobby/messages/\(id)")
            #expect(response.status == .ok)
            let tombstone = try response.jsonObject()
            #expect(Set(tombstone.keys) == ["id", "room_id", "seq", "change", "sender", "timestamp", "deleted", "deleted_at"])
            #expect(tombstone["deleted"] as? Bool == true)
            #expect(tombstone["seq"] as? Int == 1)
            #expect(tombstone["change"] as? Int == 3)
            #expect(tombstone["sender"] as? String == "alice")
            #expect(tombstone["timestamp"] as? String == created["timestamp"] as? String)
            #expect(!response.bodyText.contains("secret"))

            // Deleting again: the same tombstone.
            let again = try await client.delete("/rooms/lobby/messages/\(id)")
            #expect(again.status == .ok)
            #expect(again.bodyText == response.bodyText)
            // By id, in history, and for a retried post with its client_id.
            #expect(try await client.get("/rooms/lobby/messages/\(id)").bodyText == response.bodyText)
            let history = try await client.get("/rooms/lobby/messages").jsonObject()
            let messages = try #require(history["messages"] as? [[String: Any]])
            #expect(messages.map { $0["deleted"] as? Bool } == [true, nil])
            let retry = try await client.post("/rooms/lobby/messages", body: #"{"sender":"alice","content":"secret","client_id":"c-1"}"#)
            #expect(retry.status == .ok)
            #expect(retry.bodyText == response.bodyText)
            try await client.post("/rooms/lobby/messages", body: #"{"sender":"mallory","content":"secret","client_id":"c-1"}"#)
                .expectError(.conflict, "conflict")
        }
    }

    @Test func unknownMessagesAreNotFoundAndBadRequestsRefused() async throws {
        try await makeApp().test(.router) { client in
            let id = try #require(try await client.postMessage(room: "a")["id"] as? String)
            try await client.delete("/rooms/b/messages/\(id)").expectError(.notFound, "not_found")
            try await client.delete("/rooms/a/messages/000000000000000000000000").expectError(.notFound, "not_found")
            try await client.delete("/rooms/a/messages/xyz").expectError(.badRequest, "invalid_argument")
            try await client.delete("/rooms/a/messages/\(id)?hard=1").expectError(.badRequest, "invalid_argument")
            try await client.delete("/rooms/../messages/\(id)").expectError(.badRequest, "invalid_argument")
            #expect(try await client.get("/rooms/a/messages/\(id)").status == .ok, "nothing was deleted")
        }
    }

    @Test func methodsAreListedInAllow() async throws {
        try await makeApp().test(.router) { client in
            let response = try await client.execute(uri: "/rooms/a/messages/000000000000000000000000", method: .put)
            try response.expectError(.methodNotAllowed, "method_not_allowed")
            #expect(response.headers[.allow] == "GET, PATCH, DELETE, HEAD")
        }
    }
}
