import Hummingbird
import HummingbirdTesting
import Testing
@testable import MessageService

@Suite struct GetMessageTests {
    @Test func returnsTheMessage() async throws {
        try await makeApp().test(.router) { client in
            let created = try await client.post("/rooms/lobby/messages", body: #"{"sender":"a","content":"b","client_id":"k"}"#)
            let id = try #require(try created.jsonObject()["id"] as? String)
            let response = try await client.get("/rooms/lobby/messages/\(id)")
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "application/json; charset=utf-8")
            #expect(response.bodyText == created.bodyText)
        }
    }

    @Test func isNotFoundInAnotherRoomOrWhenUnknown() async throws {
        try await makeApp().test(.router) { client in
            let id = try #require(try await client.postMessage(room: "lobby")["id"] as? String)
            try await client.get("/rooms/other/messages/\(id)").expectError(.notFound, "not_found")
            try await client.get("/rooms/lobby/messages/000000000000000000000000").expectError(.notFound, "not_found")
        }
    }

    @Test(arguments: ["0123456789ABCDEF01234567", "0123456789abcdef0123456", "0123456789abcdef012345678", "zzzzzzzzzzzzzzzzzzzzzzzz", "%30123456789abcdef0123456g"])
    func refusesMalformedIDs(_ id: String) async throws {
        try await makeApp().test(.router) { client in
            let response = try await client.get("/rooms/lobby/messages/\(id)")
            try response.expectError(.badRequest, "invalid_argument")
            #expect(response.errorMessage?.hasPrefix("id ") == true)
        }
    }

    @Test func acceptsAPercentEncodedID() async throws {
        try await makeApp().test(.router) { client in
            let id = try #require(try await client.postMessage()["id"] as? String)
            let encoded = "%" + String(id.utf8.first!, radix: 16) + id.dropFirst()
            #expect(try await client.get("/rooms/lobby/messages/\(encoded)").status == .ok)
        }
    }

    @Test func refusesQueryParametersAndBadRooms() async throws {
        try await makeApp().test(.router) { client in
            let id = try #require(try await client.postMessage()["id"] as? String)
            try await client.get("/rooms/lobby/messages/\(id)?limit=1").expectError(.badRequest, "invalid_argument")
            #expect(try await client.get("/rooms/lobby/messages/\(id)?").status == .ok, "an empty query has no parameters")
            try await client.get("/rooms/../messages/\(id)").expectError(.badRequest, "invalid_argument")
        }
    }
}
