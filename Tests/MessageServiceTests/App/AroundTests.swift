import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import MessageService

/// `GET /rooms/{room_id}/messages?around=<id>`: a message with its neighbours, and cursors to go on.
@Suite struct AroundTests {
    private struct AroundView {
        var ids: [String]
        var prevCursor: String
        var nextCursor: String
        var foundOldest: Bool
        var foundNewest: Bool

        init(_ response: TestResponse) throws {
            #expect(response.status == .ok, "\(response.bodyText)")
            let object = try response.jsonObject()
            #expect(Set(object.keys) == ["messages", "prev_cursor", "next_cursor", "found_oldest", "found_newest"])
            ids = try #require(object["messages"] as? [[String: Any]]).compactMap { $0["id"] as? String }
            prevCursor = try #require(object["prev_cursor"] as? String)
            nextCursor = try #require(object["next_cursor"] as? String)
            foundOldest = try #require(object["found_oldest"] as? Bool)
            foundNewest = try #require(object["found_newest"] as? Bool)
        }
    }

    private func app() -> some ApplicationProtocol {
        makeApp(store: InMemoryMessageStore(clock: ManualClock().tickingWallClock))
    }

    private func post(_ count: Int, _ client: some TestClientProtocol, sender: (Int) -> String = { _ in "alice" }) async throws -> [String] {
        var ids: [String] = []
        for index in 0..<count {
            ids.append(try #require(try await client.postMessage(sender: sender(index), content: "\(index)")["id"] as? String))
        }
        return ids
    }

    @Test func showsHalfTheLimitEachSideAscendingAndPagesOnFromItsCursors() async throws {
        try await app().test(.router) { client in
            let ids = try await post(11, client)
            let page = try AroundView(try await client.get("/rooms/lobby/messages?around=\(ids[5])&limit=4"))
            #expect(page.ids == Array(ids[3...7]))
            #expect(!page.foundOldest && !page.foundNewest)
            let older = try PageView(try await client.get("/rooms/lobby/messages?before=\(page.prevCursor)&limit=50"))
            #expect(older.ids == Array(ids[0..<3]))
            let newer = try PageView(try await client.get("/rooms/lobby/messages?after=\(page.nextCursor)&limit=50"))
            #expect(newer.ids == Array(ids[8...]))
        }
    }

    @Test func reportsTheEndsItReaches() async throws {
        try await app().test(.router) { client in
            let ids = try await post(5, client)
            let first = try AroundView(try await client.get("/rooms/lobby/messages?around=\(ids[0])&limit=4"))
            #expect(first.ids == Array(ids[0...2]))
            #expect(first.foundOldest && !first.foundNewest)
            let all = try AroundView(try await client.get("/rooms/lobby/messages?around=\(ids[2])&limit=4"))
            #expect(all.ids == ids)
            #expect(all.foundOldest && all.foundNewest)
            let alone = try AroundView(try await client.get("/rooms/lobby/messages?around=\(ids[2])&limit=1"))
            #expect(alone.ids == [ids[2]])
            #expect(!alone.foundOldest && !alone.foundNewest)
        }
    }

    @Test func withASenderTheNeighboursAreThatSenders() async throws {
        try await app().test(.router) { client in
            let ids = try await post(9, client) { $0 % 2 == 0 ? "alice" : "bob" }
            let page = try AroundView(try await client.get("/rooms/lobby/messages?around=\(ids[4])&limit=2&sender=alice"))
            #expect(page.ids == [ids[2], ids[4], ids[6]])
            let response = try await client.get("/rooms/lobby/messages?around=\(ids[3])&sender=alice")
            try response.expectError(.notFound, "not_found")
        }
    }

    @Test func refusesUnknownMalformedAndConflictingRequests() async throws {
        try await app().test(.router) { client in
            let ids = try await post(3, client)
            try await client.get("/rooms/lobby/messages?around=\(String(repeating: "0", count: 24))").expectError(.notFound, "not_found")
            try await client.get("/rooms/other/messages?around=\(ids[1])").expectError(.notFound, "not_found")
            let cursor = try PageView(try await client.get("/rooms/lobby/messages")).prevCursor!
            for query in ["around=xyz", "around=", "around=\(ids[1])&before=\(cursor)", "around=\(ids[1])&after=\(cursor)",
                          "around=\(ids[1].uppercased())"] {
                let response = try await client.get("/rooms/lobby/messages?\(query)")
                try response.expectError(.badRequest, "invalid_argument")
                #expect(response.errorMessage?.hasPrefix("around") == true, "\(response.bodyText)")
            }
        }
    }
}
