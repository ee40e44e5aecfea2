import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import MessageService

/// Walks a room's whole history page by page, with many messages sharing a millisecond: every message must
/// be seen exactly once, in order, whatever the page size.
@Suite struct PagingWalkTests {
    static let messageCount = 100

    /// Posts concurrently, seven messages per millisecond; returns the server's full history in order.
    private func fill(_ client: some TestClientProtocol, clock: ManualClock) async throws -> [[String: Any]] {
        for batch in stride(from: 0, to: Self.messageCount, by: 7) {
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in batch..<min(batch + 7, Self.messageCount) {
                    group.addTask { try await client.postMessage(content: "m\(index)") }
                }
                try await group.waitForAll()
            }
            clock.advance()
        }
        let all = try #require(try await client.get("/rooms/lobby/messages?limit=1000").jsonObject()["messages"] as? [[String: Any]])
        #expect(all.count == Self.messageCount)
        // The order is (timestamp, id): both compare correctly as text here (fixed-width RFC 3339, lowercase hex).
        let keys = all.map { ($0["timestamp"] as! String, $0["id"] as! String) }
        #expect(zip(keys, keys.dropFirst()).allSatisfy { $0 < $1 })
        #expect(Set(keys.map(\.0)).count == (Self.messageCount + 6) / 7)
        return all
    }

    @Test(arguments: [1, 2, 3, 6, 7, 8, 33, 100, 1000])
    func walksBackwardThenForward(pageSize: Int) async throws {
        let clock = ManualClock()
        try await makeApp(store: InMemoryMessageStore(clock: clock.wallClock)).test(.router) { client in
            let expected = try await fill(client, clock: clock).map { $0["id"] as! String }

            var backward: [String] = []
            var page = try PageView(try await client.get("/rooms/lobby/messages?limit=\(pageSize)"))
            backward = page.ids
            while page.hasMore {
                page = try PageView(try await client.get("/rooms/lobby/messages?limit=\(pageSize)&before=\(page.prevCursor!)"))
                #expect(!page.ids.isEmpty)
                backward = page.ids + backward
            }
            #expect(backward == expected)

            // Forward from the oldest page reached going backward.
            var forward = page.ids
            var cursor = try #require(page.nextCursor)
            while true {
                let next = try PageView(try await client.get("/rooms/lobby/messages?limit=\(pageSize)&after=\(cursor)"))
                forward += next.ids
                guard next.hasMore else { break }
                cursor = try #require(next.nextCursor)
            }
            #expect(forward == expected)
        }
    }

    @Test func walksForwardAcrossABoundedRange() async throws {
        let clock = ManualClock()
        try await makeApp(store: InMemoryMessageStore(clock: clock.wallClock)).test(.router) { client in
            let expected = try await fill(client, clock: clock).map { $0["id"] as! String }
            // Bounds: after message 10, before message 90 (cursors taken from single-message pages).
            let upper = try PageView(try await client.get("/rooms/lobby/messages?limit=10"))
            let lower = try PageView(try await client.get("/rooms/lobby/messages?limit=89&before=\(upper.prevCursor!)"))
            #expect(upper.ids.first == expected[90])
            #expect(lower.ids.first == expected[1])
            let start = try PageView(try await client.get("/rooms/lobby/messages?limit=10&before=\(lower.prevCursor!)"))
            #expect(start.ids == [expected[0]])
            let after = try #require(try PageView(try await client.get("/rooms/lobby/messages?limit=1&after=\(start.nextCursor!)")).prevCursor)

            var seen: [String] = []
            var cursor = after
            while true {
                let page = try PageView(try await client.get("/rooms/lobby/messages?limit=4&after=\(cursor)&before=\(upper.prevCursor!)"))
                seen += page.ids
                guard page.hasMore else { break }
                cursor = try #require(page.nextCursor)
            }
            #expect(seen == Array(expected[2..<90]))
        }
    }
}
