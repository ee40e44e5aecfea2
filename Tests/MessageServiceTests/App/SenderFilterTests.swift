import Hummingbird
import HummingbirdTesting
import Testing
@testable import MessageService

/// `GET /rooms/{room_id}/messages?sender=…`: only that sender's messages, paged as history is.
@Suite struct SenderFilterTests {
    @Test func pagesOnlyThatSendersMessagesBothWays() async throws {
        try await makeApp(store: InMemoryMessageStore(clock: ManualClock().tickingWallClock)).test(.router) { client in
            var alices: [String] = []
            for index in 0..<17 {
                let sender = index % 3 == 0 ? "alice" : "bob"
                let id = try #require(try await client.postMessage(sender: sender, content: "\(index)")["id"] as? String)
                if sender == "alice" { alices.append(id) }
            }
            var backward: [String] = []
            var page = try PageView(try await client.get("/rooms/lobby/messages?sender=alice&limit=2"))
            backward = page.ids + backward
            while page.hasMore {
                page = try PageView(try await client.get("/rooms/lobby/messages?sender=alice&limit=2&before=\(page.prevCursor!)"))
                backward = page.ids + backward
            }
            #expect(backward == alices)

            var forward = try PageView(try await client.get("/rooms/lobby/messages?sender=alice&limit=4&after=\(page.prevCursor!)"))
            #expect(forward.ids == Array(alices[1..<5]))
            #expect(forward.hasMore)
            forward = try PageView(try await client.get("/rooms/lobby/messages?sender=alice&limit=4&after=\(forward.nextCursor!)"))
            #expect(forward.ids == Array(alices[5...]))
            #expect(!forward.hasMore)
        }
    }

    @Test func anUnknownSenderHasAnEmptyHistoryAndABadOneIsRefused() async throws {
        try await makeApp().test(.router) { client in
            try await client.postMessage(sender: "alice")
            let empty = try PageView(try await client.get("/rooms/lobby/messages?sender=Alice"))
            #expect(empty.ids.isEmpty && !empty.hasMore)
            for bad in ["", "%01", String(repeating: "x", count: 129), "%20%20"] {
                let response = try await client.get("/rooms/lobby/messages?sender=\(bad)")
                try response.expectError(.badRequest, "invalid_argument")
                #expect(response.errorMessage?.hasPrefix("sender") == true, "\(response.bodyText)")
            }
        }
    }
}
