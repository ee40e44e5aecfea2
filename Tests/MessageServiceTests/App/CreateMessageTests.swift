import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import MessageService

@Suite struct CreateMessageTests {
    @Test func createsWith201AndLocation() async throws {
        try await makeApp().test(.router) { client in
            let response = try await client.post("/rooms/lobby/messages", body: #"{"sender":"alice","content":"hello"}"#)
            #expect(response.status == .created)
            #expect(response.headers[.contentType] == "application/json; charset=utf-8")
            let message = try response.jsonObject()
            #expect(Set(message.keys) == ["id", "room_id", "seq", "change", "sender", "content", "timestamp"])  // no client_id
            let id = try #require(message["id"] as? String)
            #expect(id.wholeMatch(of: /[0-9a-f]{24}/) != nil)
            #expect(message["room_id"] as? String == "lobby")
            #expect(message["sender"] as? String == "alice")
            #expect(message["content"] as? String == "hello")
            let timestamp = try #require(message["timestamp"] as? String)
            #expect(timestamp.wholeMatch(of: /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z/) != nil)
            #expect(response.headers[.location] == "/rooms/lobby/messages/\(id)")

            let fetched = try await client.get("/rooms/lobby/messages/\(id)")
            #expect(fetched.status == .ok)
            #expect(fetched.bodyText == response.bodyText)
        }
    }

    @Test func timestampIsTheStoresClockInRFC3339() async throws {
        let clock = ManualClock(1_795_215_243_071)
        try await makeApp(store: InMemoryMessageStore(clock: clock.wallClock)).test(.router) { client in
            let message = try await client.postMessage(clientID: "c-1")
            #expect(message["timestamp"] as? String == "2026-11-20T22:54:03.071Z")
            #expect(message["client_id"] as? String == "c-1")
        }
    }

    @Test func keepsUnicodeExactly() async throws {
        try await makeApp().test(.router) { client in
            let response = try await client.post(
                "/rooms/lobby/messages", body: #"{"sender":"Zoë \ud83d\ude00","content":"line1\nline2\t\"quoted\" \\ e\u0301 中"}"#)
            #expect(response.status == .created)
            let message = try response.jsonObject()
            #expect((message["sender"] as? String)?.unicodeScalars.elementsEqual("Zoë 😀".unicodeScalars) == true)
            #expect((message["content"] as? String)?.unicodeScalars.elementsEqual("line1\nline2\t\"quoted\" \\ e\u{301} 中".unicodeScalars) == true)
        }
    }

    @Test func retryWithSameClientIDReturnsTheOriginal() async throws {
        let clock = ManualClock()
        try await makeApp(store: InMemoryMessageStore(clock: clock.wallClock)).test(.router) { client in
            let body = #"{"sender":"alice","content":"hello","client_id":"c-1"}"#
            let first = try await client.post("/rooms/lobby/messages", body: body)
            #expect(first.status == .created)
            clock.advance(by: 5_000)
            let retry = try await client.post("/rooms/lobby/messages", body: #"{"client_id":"c-1","content":"hello","sender":"alice"}"#)
            #expect(retry.status == .ok)
            #expect(retry.headers[.location] == nil)
            #expect(retry.bodyText == first.bodyText)  // same id and timestamp
            let list = try await client.get("/rooms/lobby/messages").jsonObject()
            #expect((list["messages"] as? [Any])?.count == 1)
        }
    }

    @Test func concurrentRetriesStoreOnce() async throws {
        try await makeApp().test(.router) { client in
            let responses = try await withThrowingTaskGroup(of: TestResponse.self) { group in
                for _ in 0..<20 {
                    group.addTask {
                        try await client.post("/rooms/lobby/messages", body: #"{"sender":"a","content":"b","client_id":"same"}"#)
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(responses.filter { $0.status == .created }.count == 1)
            #expect(responses.filter { $0.status == .ok }.count == 19)
            #expect(Set(responses.map(\.bodyText)).count == 1)
            let list = try await client.get("/rooms/lobby/messages").jsonObject()
            #expect((list["messages"] as? [Any])?.count == 1)
        }
    }

    @Test func reusedClientIDWithOtherTextConflicts() async throws {
        try await makeApp().test(.router) { client in
            try await client.postMessage(sender: "alice", content: "café", clientID: "c-1")
            try await client.post("/rooms/lobby/messages", body: #"{"sender":"alice","content":"other","client_id":"c-1"}"#)
                .expectError(.conflict, "conflict")
            try await client.post("/rooms/lobby/messages", body: #"{"sender":"bob","content":"café","client_id":"c-1"}"#)
                .expectError(.conflict, "conflict")
            // Canonically equivalent but differently encoded content is different content.
            try await client.post("/rooms/lobby/messages", body: #"{"sender":"alice","content":"cafe\u0301","client_id":"c-1"}"#)
                .expectError(.conflict, "conflict")
            // Another room has its own client_ids.
            try await client.postMessage(room: "other", sender: "bob", content: "x", clientID: "c-1")
        }
    }

    @Test(arguments: [
        ("", "empty"),
        ("{", "unexpected end"),
        ("[]", "JSON object"),
        ("null", "JSON object"),
        (#"{"sender":"a","content":"b","extra":1}"#, "extra"),
        (#"{"sender":"a","sender":"b","content":"c"}"#, "duplicate key"),
        (#"{"sender":1,"content":"b"}"#, "sender"),
        (#"{"sender":{"$gt":""},"content":"b"}"#, "sender"),
        (#"{"sender":"a","content":{"$ne":null}}"#, "content"),
        (#"{"sender":"a","content":"b","client_id":null}"#, "client_id"),
        (#"{"sender":"a","content":"b","client_id":""}"#, "client_id"),
        (#"{"sender":"a","content":"b","client_id":"has space"}"#, "client_id"),
        (#"{"content":"b"}"#, "sender"),
        (#"{"sender":"a"}"#, "content"),
        (#"{"sender":"a","content":"\ud800"}"#, "surrogate"),
        (#"{"sender":"a","content":"\udc00x"}"#, "surrogate"),
        (#"{"sender":"\u3000","content":"b"}"#, "sender"),
        (#"{"sender":"\u00a0 ","content":"b"}"#, "sender"),
        (#"{"sender":"a\u0007","content":"b"}"#, "sender"),
        (#"{"sender":"a\u0085","content":"b"}"#, "sender"),
        (#"{"sender":"a\u007f","content":"b"}"#, "sender"),
        (#"{"sender":"","content":"b"}"#, "sender"),
        (#"{"sender":"a","content":""}"#, "content"),
        (#"{"sender":"a","content":" \n\t"}"#, "content"),
        (#"{"sender":"a","content":"nul\u0000here"}"#, "content"),
        (#"{"sender":"a","content":"b"} trailing"#, "after the JSON value"),
    ])
    func refusesBadBodies(_ body: String, _ hint: String) async throws {
        try await makeApp().test(.router) { client in
            let response = try await client.post("/rooms/lobby/messages", body: body)
            try response.expectError(.badRequest, "invalid_argument")
            #expect(response.errorMessage?.contains(hint) == true, "\(response.bodyText)")
        }
    }

    @Test func refusesInvalidUTF8() async throws {
        try await makeApp().test(.router) { client in
            var bytes = Array(#"{"sender":"a","content":"x"}"#.utf8)
            bytes[25] = 0xFF
            try await client.post("/rooms/lobby/messages", bytes: bytes).expectError(.badRequest, "invalid_argument")
            bytes[25] = 0xC3  // truncated sequence before the closing quote
            try await client.post("/rooms/lobby/messages", bytes: bytes).expectError(.badRequest, "invalid_argument")
        }
    }

    @Test func senderLimitIs128Scalars() async throws {
        try await makeApp().test(.router) { client in
            try await client.postMessage(sender: String(repeating: "é", count: 128))
            try await client.post("/rooms/lobby/messages", body: #"{"content":"b","sender":""# + String(repeating: "é", count: 129) + "\"}")
                .expectError(.badRequest, "invalid_argument")
        }
    }

    @Test func contentLimitCountsBytesAfterUnescaping() async throws {
        try await makeApp().test(.router) { client in
            // 8,192 escapes of six characters each are 16,384 bytes of content once unescaped.
            let atLimit = #"{"sender":"a","content":""# + String(repeating: #"\u00e9"#, count: 8192) + "\"}"
            let created = try await client.post("/rooms/lobby/messages", body: atLimit)
            #expect(created.status == .created)
            let overLimit = #"{"sender":"a","content":""# + String(repeating: #"\u00e9"#, count: 8192) + "x\"}"
            let refused = try await client.post("/rooms/lobby/messages", body: overLimit)
            try refused.expectError(.badRequest, "invalid_argument")
            #expect(refused.errorMessage?.contains("16384") == true)
        }
    }

    @Test func contentLimitIsConfigurable() async throws {
        try await makeApp(configuration: .init(port: 0, maxContentBytes: 4)).test(.router) { client in
            try await client.postMessage(content: "abcd")
            try await client.post("/rooms/lobby/messages", body: #"{"sender":"a","content":"abcde"}"#)
                .expectError(.badRequest, "invalid_argument")
        }
    }

    @Test(arguments: ["bad%20room", "..", "%2E%2E", ".", "a%2Fb", "caf%C3%A9", "%zz", "%FF", String(repeating: "r", count: 129)])
    func refusesBadRoomIDs(_ room: String) async throws {
        try await makeApp().test(.router) { client in
            let response = try await client.post("/rooms/\(room)/messages", body: #"{"sender":"a","content":"b"}"#)
            try response.expectError(.badRequest, "invalid_argument")
            #expect(response.errorMessage?.contains("room_id") == true)
        }
    }

    @Test func percentEncodedRoomIDIsDecoded() async throws {
        try await makeApp().test(.router) { client in
            let message = try await client.post("/rooms/lo%62by/messages", body: #"{"sender":"a","content":"b"}"#).jsonObject()
            #expect(message["room_id"] as? String == "lobby")
            let list = try await client.get("/rooms/lobby/messages").jsonObject()
            #expect((list["messages"] as? [Any])?.count == 1)
        }
    }

    @Test func refusesQueryParameters() async throws {
        try await makeApp().test(.router) { client in
            try await client.post("/rooms/lobby/messages?limit=5", body: #"{"sender":"a","content":"b"}"#)
                .expectError(.badRequest, "invalid_argument")
        }
    }

    @Test(arguments: [
        "application/json", "Application/JSON", "application/json; charset=utf-8", "application/json;charset=UTF-8",
    ])
    func acceptsJSONMediaTypes(_ contentType: String) async throws {
        try await makeApp().test(.router) { client in
            let response = try await client.post("/rooms/lobby/messages", body: #"{"sender":"a","content":"b"}"#, contentType: contentType)
            #expect(response.status == .created)
        }
    }

    @Test(arguments: [nil, "text/plain", "application/x-www-form-urlencoded", "application/json; charset=iso-8859-1", "application/jsonp", "garbage"])
    func refusesOtherMediaTypes(_ contentType: String?) async throws {
        try await makeApp().test(.router) { client in
            try await client.post("/rooms/lobby/messages", body: #"{"sender":"a","content":"b"}"#, contentType: contentType)
                .expectError(.unsupportedMediaType, "unsupported_media_type")
        }
    }

    @Test func bodyLimitIsOneMebibyte() async throws {
        try await makeApp().test(.router) { client in
            // Exactly 1,048,576 bytes is accepted (padding with JSON whitespace).
            let json = #"{"sender":"a","content":"b"}"#
            let exact = json + String(repeating: " ", count: 1_048_576 - json.utf8.count)
            #expect(try await client.post("/rooms/lobby/messages", body: exact).status == .created)
            try await client.post("/rooms/lobby/messages", body: exact + " ").expectError(.contentTooLarge, "payload_too_large")
        }
    }

    /// 413 beats 415, and 415 beats 400.
    @Test func errorPrecedence() async throws {
        try await makeApp().test(.router) { client in
            let huge = String(repeating: "x", count: 1_048_577)  // too large, not JSON
            try await client.post("/rooms/lobby/messages", body: huge, contentType: "text/plain")
                .expectError(.contentTooLarge, "payload_too_large")
            try await client.post("/rooms/lobby/messages", body: huge, contentType: nil)
                .expectError(.contentTooLarge, "payload_too_large")
            try await client.post("/rooms/../messages?x=1", body: huge).expectError(.contentTooLarge, "payload_too_large")
            // Too large and a bad room, query and body: still 413.
            try await client.post("/rooms/%2E%2E/messages?x=1", body: huge).expectError(.contentTooLarge, "payload_too_large")

            try await client.post("/rooms/lobby/messages", body: "not json", contentType: "text/plain")
                .expectError(.unsupportedMediaType, "unsupported_media_type")
            try await client.post("/rooms/%2E%2E/messages?x=1", body: "{", contentType: nil)
                .expectError(.unsupportedMediaType, "unsupported_media_type")
            try await client.post("/rooms/lobby/messages", body: "", contentType: nil)
                .expectError(.unsupportedMediaType, "unsupported_media_type")
        }
    }

    @Test func aBadRequestDoesNotPoisonTheNext() async throws {
        try await makeApp().test(.router) { client in
            try await client.post("/rooms/lobby/messages", body: "{\"sender\":").expectError(.badRequest, "invalid_argument")
            try await client.post("/rooms/lobby/messages", body: String(repeating: "[", count: 100_000))
                .expectError(.badRequest, "invalid_argument")
            try await client.postMessage()
            try await client.post("/rooms/lobby/messages", bytes: [0xFF, 0xFE]).expectError(.badRequest, "invalid_argument")
            try await client.postMessage()
        }
    }
}
