import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import MessageService

/// Each room numbers its messages 1, 2, 3… and history follows those numbers, with timestamps that
/// never go backwards even when the clock does.
@Suite struct OrderTests {
    @Test func messagesAreNumberedPerRoomInCreationOrder() async throws {
        try await makeApp().test(.router) { client in
            let first = try await client.postMessage(room: "a")
            let second = try await client.postMessage(room: "a", content: "two")
            let other = try await client.postMessage(room: "b")
            #expect(first["seq"] as? Int == 1)
            #expect(second["seq"] as? Int == 2)
            #expect(other["seq"] as? Int == 1)
            #expect(first["change"] as? Int == 1)
            #expect(second["change"] as? Int == 2)
            #expect(other["change"] as? Int == 1)
        }
    }

    @Test func timestampsNeverDecreaseAlongSeqWhenTheClockStepsBack() async throws {
        let clock = ManualClock(1_795_215_243_071)
        try await makeApp(store: InMemoryMessageStore(clock: clock.wallClock)).test(.router) { client in
            let first = try await client.postMessage(content: "first")
            clock.set(1_795_215_243_071 - 60_000)
            let second = try await client.postMessage(content: "second")
            #expect(second["timestamp"] as? String == first["timestamp"] as? String, "max(now, previous)")
            let page = try PageView(try await client.get("/rooms/lobby/messages"))
            #expect(page.contents == ["first", "second"])
        }
    }

    @Test func historyIsInSeqOrderAndAVersionOneCursorIsRefused() async throws {
        try await makeApp().test(.router) { client in
            for index in 0..<5 { try await client.postMessage(content: "\(index)") }
            let page = try PageView(try await client.get("/rooms/lobby/messages?limit=2"))
            #expect(page.contents == ["3", "4"])
            let older = try PageView(try await client.get("/rooms/lobby/messages?limit=2&before=\(page.prevCursor!)"))
            #expect(older.contents == ["1", "2"])
            // Issued by the previous version, which ordered history by (timestamp, id).
            let oldCursor = "AQAAAaH7Krc_ZaGyw9Tl9gcYKTpLqdrec933HJc"
            let refused = try await client.get("/rooms/lobby/messages?before=\(oldCursor)")
            try refused.expectError(.badRequest, "invalid_argument")
            #expect(refused.errorMessage == "before is not a valid cursor for this room")
        }
    }
}
