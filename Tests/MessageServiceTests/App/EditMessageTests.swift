import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import MessageService

@Suite struct EditMessageTests {
    @Test func replacesTheContentAsANewChange() async throws {
        try await makeApp().test(.router) { client in
            let created = try await client.postMessage(content: "helo", clientID: "c-1")
            try await client.postMessage(content: "another")
            let id = try #require(created["id"] as? String)
            let edited = try await client.editMessage(id: id, content: "hello")
            #expect(edited["content"] as? String == "hello")
            #expect(edited["seq"] as? Int == 1, "the place in history stays")
            #expect(edited["change"] as? Int == 3)
            #expect(edited["timestamp"] as? String == created["timestamp"] as? String)
            #expect(edited["edited_at"] is String)
            #expect(edited["client_id"] as? String == "c-1")
            #expect(created["edited_at"] == nil)
            let shown = try await client.get("/rooms/lobby/messages/\(id)").jsonObject()
            #expect(NSDictionary(dictionary: shown) == NSDictionary(dictionary: edited))
            #expect(try PageView(try await client.get("/rooms/lobby/messages")).contents == ["hello", "another"])
        }
    }

    @Test func theSameContentAgainIsANoOp() async throws {
        try await makeApp().test(.router) { client in
            let id = try #require(try await client.postMessage(content: "same")["id"] as? String)
            let first = try await client.editMessage(id: id, content: "changed")
            let again = try await client.editMessage(id: id, content: "changed")
            #expect(NSDictionary(dictionary: again) == NSDictionary(dictionary: first))
            #expect(try await client.changes().lastChange == 2)
        }
    }

    @Test func aDeletedMessageCannotBeEdited() async throws {
        try await makeApp().test(.router) { client in
            let id = try #require(try await client.postMessage()["id"] as? String)
            #expect(try await client.delete("/rooms/lobby/messages/\(id)").status == .ok)
            try await client.patch("/rooms/lobby/messages/\(id)", body: #"{"content":"back"}"#).expectError(.conflict, "conflict")
        }
    }

    @Test func unknownMessagesAreNotFound() async throws {
        try await makeApp().test(.router) { client in
            let id = try #require(try await client.postMessage(room: "a")["id"] as? String)
            try await client.patch("/rooms/b/messages/\(id)", body: #"{"content":"x"}"#).expectError(.notFound, "not_found")
            try await client.patch("/rooms/a/messages/000000000000000000000000", body: #"{"content":"x"}"#)
                .expectError(.notFound, "not_found")
        }
    }

    @Test(arguments: [
        (#"{"content":"x","sender":"bob"}"#, "unknown field \"sender\"; allowed: content"),
        (#"{}"#, "content is required"),
        (#"{"content":5}"#, "content must be a string, not number"),
        (#"{"content":"   "}"#, "content must not be blank"),
        (#"{"content":""}"#, "content must not be empty"),
        (#"["x"]"#, "request body must be a JSON object, not an array"),
        (#"{"content":"x""#, nil),
        ("", "request body is empty; expected a JSON object"),
    ] as [(String, String?)])
    func refusesBadBodies(_ body: String, _ message: String?) async throws {
        try await makeApp().test(.router) { client in
            let id = try #require(try await client.postMessage()["id"] as? String)
            let response = try await client.patch("/rooms/lobby/messages/\(id)", body: body)
            try response.expectError(.badRequest, "invalid_argument")
            if let message { #expect(response.errorMessage == message) }
        }
    }

    @Test func refusesOversizedContentWrongMediaTypeAndBadIDs() async throws {
        let app = makeApp(configuration: .init(port: 0, maxContentBytes: 10))
        try await app.test(.router) { client in
            let id = try #require(try await client.postMessage(content: "short")["id"] as? String)
            try await client.patch("/rooms/lobby/messages/\(id)", body: #"{"content":"far too long for ten"}"#)
                .expectError(.badRequest, "invalid_argument")
            try await client.patch("/rooms/lobby/messages/\(id)", body: #"{"content":"x"}"#, contentType: "text/plain")
                .expectError(.unsupportedMediaType, "unsupported_media_type")
            try await client.patch("/rooms/lobby/messages/\(id)", body: #"{"content":"x"}"#, contentType: nil)
                .expectError(.unsupportedMediaType, "unsupported_media_type")
            try await client.patch("/rooms/lobby/messages/not-an-id", body: #"{"content":"x"}"#)
                .expectError(.badRequest, "invalid_argument")
            try await client.patch("/rooms/lobby/messages/\(id)?x=1", body: #"{"content":"x"}"#)
                .expectError(.badRequest, "invalid_argument")
            try await client.patch("/rooms/lobby/messages/\(id)", body: String(repeating: "x", count: 1_048_577))
                .expectError(.contentTooLarge, "payload_too_large")
        }
    }
}
