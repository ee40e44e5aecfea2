import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import MessageService

/// A page as the client sees it.
struct PageView {
    var ids: [String]
    var contents: [String]
    var hasMore: Bool
    var prevCursor: String?
    var nextCursor: String?

    init(_ response: TestResponse, sourceLocation: SourceLocation = #_sourceLocation) throws {
        #expect(response.status == .ok, "\(response.bodyText)", sourceLocation: sourceLocation)
        #expect(response.headers[.contentType] == "application/json; charset=utf-8", sourceLocation: sourceLocation)
        let object = try response.jsonObject(sourceLocation: sourceLocation)
        #expect(Set(object.keys) == ["messages", "has_more", "prev_cursor", "next_cursor"], sourceLocation: sourceLocation)
        let messages = try #require(object["messages"] as? [[String: Any]], sourceLocation: sourceLocation)
        ids = messages.compactMap { $0["id"] as? String }
        contents = messages.compactMap { $0["content"] as? String }
        hasMore = try #require(object["has_more"] as? Bool, sourceLocation: sourceLocation)
        prevCursor = object["prev_cursor"] as? String
        nextCursor = object["next_cursor"] as? String
        // JSON null must be present as null, not missing.
        #expect(object["prev_cursor"] is String || object["prev_cursor"] is NSNull, sourceLocation: sourceLocation)
        #expect(object["next_cursor"] is String || object["next_cursor"] is NSNull, sourceLocation: sourceLocation)
    }
}

@Suite struct ListMessagesTests {
    /// Posts `count` messages with contents "0", "1", … (in that history order).
    private func post(_ count: Int, room: String = "lobby", to client: some TestClientProtocol) async throws -> [String] {
        var ids: [String] = []
        for index in 0..<count {
            ids.append(try #require(try await client.postMessage(room: room, content: "\(index)")["id"] as? String))
        }
        return ids
    }

    /// Each message one millisecond after the previous, so history order is posting order.
    private func clockedApp() -> some ApplicationProtocol {
        makeApp(store: InMemoryMessageStore(clock: ManualClock().tickingWallClock))
    }

    @Test func emptyRoomIsAnEmptyPage() async throws {
        try await makeApp().test(.router) { client in
            let response = try await client.get("/rooms/nobody-here/messages")
            #expect(response.bodyText == #"{"messages":[],"has_more":false,"prev_cursor":null,"next_cursor":null}"#)
        }
    }

    @Test func defaultsToTheNewestFifty() async throws {
        try await clockedApp().test(.router) { client in
            _ = try await post(60, to: client)
            let page = try PageView(try await client.get("/rooms/lobby/messages"))
            #expect(page.contents == (10..<60).map(String.init))
            #expect(page.hasMore)
        }
    }

    @Test func pagesBackwardAndForward() async throws {
        try await clockedApp().test(.router) { client in
            let ids = try await post(10, to: client)
            let newest = try PageView(try await client.get("/rooms/lobby/messages?limit=4"))
            #expect(newest.ids == Array(ids[6...]))
            #expect(newest.hasMore)

            let older = try PageView(try await client.get("/rooms/lobby/messages?limit=4&before=\(newest.prevCursor!)"))
            #expect(older.ids == Array(ids[2..<6]))
            #expect(older.hasMore)
            let oldest = try PageView(try await client.get("/rooms/lobby/messages?limit=4&before=\(older.prevCursor!)"))
            #expect(oldest.ids == Array(ids[0..<2]))
            #expect(!oldest.hasMore)

            let forward = try PageView(try await client.get("/rooms/lobby/messages?after=\(oldest.nextCursor!)&limit=5"))
            #expect(forward.ids == Array(ids[2..<7]))
            #expect(forward.hasMore)
            let last = try PageView(try await client.get("/rooms/lobby/messages?after=\(forward.nextCursor!)&limit=5"))
            #expect(last.ids == Array(ids[7...]))
            #expect(!last.hasMore)
        }
    }

    /// A cursor names a position, so prev_cursor also works as after= and next_cursor as before=.
    @Test func cursorsWorkInEitherDirection() async throws {
        try await clockedApp().test(.router) { client in
            let ids = try await post(6, to: client)
            let newest = try PageView(try await client.get("/rooms/lobby/messages?limit=2"))
            #expect(newest.ids == [ids[4], ids[5]])
            let middle = try PageView(try await client.get("/rooms/lobby/messages?limit=2&before=\(newest.prevCursor!)"))
            #expect(middle.ids == [ids[2], ids[3]])
            let fromPrev = try PageView(try await client.get("/rooms/lobby/messages?after=\(middle.prevCursor!)&limit=2"))
            #expect(fromPrev.ids == [ids[3], ids[4]])
            let fromNext = try PageView(try await client.get("/rooms/lobby/messages?before=\(middle.nextCursor!)&limit=10"))
            #expect(fromNext.ids == [ids[0], ids[1], ids[2]])
        }
    }

    @Test func bothCursorsBoundTheRange() async throws {
        try await clockedApp().test(.router) { client in
            let ids = try await post(10, to: client)
            let whole = try PageView(try await client.get("/rooms/lobby/messages?limit=10"))
            // The cursors of messages 1 and 8, taken from single-message pages.
            let one = try PageView(try await client.get("/rooms/lobby/messages?limit=1&before=\(whole.nextCursor!)&after=\(whole.prevCursor!)"))
            #expect(one.ids == [ids[1]])
            #expect(one.hasMore)
            let eight = try PageView(try await client.get("/rooms/lobby/messages?limit=1&before=\(whole.nextCursor!)"))
            #expect(eight.ids == [ids[8]])

            let between = try PageView(try await client.get("/rooms/lobby/messages?after=\(one.prevCursor!)&before=\(eight.prevCursor!)&limit=3"))
            #expect(between.ids == Array(ids[2..<5]))
            #expect(between.hasMore)
            // has_more is relative to the range: messages 8 and 9 lie beyond it and do not count.
            let rest = try PageView(try await client.get("/rooms/lobby/messages?after=\(between.nextCursor!)&before=\(eight.prevCursor!)&limit=3"))
            #expect(rest.ids == Array(ids[5..<8]))
            #expect(!rest.hasMore)
        }
    }

    @Test func emptyPageEchoesAfter() async throws {
        try await clockedApp().test(.router) { client in
            _ = try await post(3, to: client)
            let newest = try PageView(try await client.get("/rooms/lobby/messages"))
            let caughtUp = try PageView(try await client.get("/rooms/lobby/messages?after=\(newest.nextCursor!)"))
            #expect(caughtUp.ids.isEmpty)
            #expect(!caughtUp.hasMore)
            #expect(caughtUp.prevCursor == nil)
            #expect(caughtUp.nextCursor == newest.nextCursor)
            // Polling with the echoed cursor picks up what arrives later.
            let later = try await post(2, to: client)
            let polled = try PageView(try await client.get("/rooms/lobby/messages?after=\(caughtUp.nextCursor!)"))
            #expect(polled.ids == later)

            let beforeOldest = try PageView(try await client.get("/rooms/lobby/messages?before=\(newest.prevCursor!)"))
            #expect(beforeOldest.ids.isEmpty && beforeOldest.prevCursor == nil && beforeOldest.nextCursor == nil)
        }
    }

    @Test(arguments: [
        "limit=0", "limit=1001", "limit=", "limit", "limit=abc", "limit=05", "limit=%2B5", "limit=-1", "limit=1.5",
        "limit=5&limit=5", "before=", "after=", "before=abc", "after=%zz", "cursor=x", "Limit=5", "limit=5&x=1", "&",
    ])
    func refusesBadQueries(_ query: String) async throws {
        try await makeApp().test(.router) { client in
            try await client.get("/rooms/lobby/messages?\(query)").expectError(.badRequest, "invalid_argument")
        }
    }

    @Test func refusesCursorsFromOtherRoomsOrAltered() async throws {
        try await clockedApp().test(.router) { client in
            _ = try await post(2, room: "a", to: client)
            let page = try PageView(try await client.get("/rooms/a/messages"))
            let cursor = try #require(page.prevCursor)
            let response = try await client.get("/rooms/b/messages?before=\(cursor)")
            try response.expectError(.badRequest, "invalid_argument")
            #expect(response.errorMessage?.contains("before") == true)

            var altered = Array(cursor.utf8)
            altered[10] = altered[10] == UInt8(ascii: "A") ? UInt8(ascii: "B") : UInt8(ascii: "A")
            let alteredText = String(decoding: altered, as: UTF8.self)
            try await client.get("/rooms/a/messages?after=\(alteredText)").expectError(.badRequest, "invalid_argument")
            try await client.get("/rooms/a/messages?after=\(cursor)x").expectError(.badRequest, "invalid_argument")
            try await client.get("/rooms/a/messages?after=\(cursor.dropLast(4))").expectError(.badRequest, "invalid_argument")
            // The untouched cursor still works.
            #expect(try await client.get("/rooms/a/messages?after=\(cursor)").status == .ok)
        }
    }

    @Test(arguments: ["..", "%2e", "bad%20room", String(repeating: "r", count: 129)])
    func refusesBadRoomIDs(_ room: String) async throws {
        try await makeApp().test(.router) { client in
            try await client.get("/rooms/\(room)/messages").expectError(.badRequest, "invalid_argument")
        }
    }

    @Test func omitsClientIDOnlyWhenAbsent() async throws {
        try await clockedApp().test(.router) { client in
            try await client.postMessage(content: "with", clientID: "k")
            try await client.postMessage(content: "without")
            let messages = try #require(try await client.get("/rooms/lobby/messages").jsonObject()["messages"] as? [[String: Any]])
            #expect(messages.map { $0["client_id"] as? String } == ["k", nil])
            #expect(messages.map { $0.keys.contains("client_id") } == [true, false])
        }
    }
}
