import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import MessageService

/// `GET /rooms/{room_id}/search` over the in-memory store: the answer's shape, order, paging, what is
/// never found, and every refusal.
@Suite struct SearchRouteTests {
    private func app() -> some ApplicationProtocol {
        makeApp(store: InMemoryMessageStore(clock: ManualClock().tickingWallClock))
    }

    /// The results' contents and highlights, and the page's cursor.
    private func search(
        _ client: some TestClientProtocol, _ query: String, room: String = "lobby",
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> (contents: [String], highlights: [[[Int]]], next: String?, hasMore: Bool) {
        let response = try await client.get("/rooms/\(room)/search?\(query)")
        #expect(response.status == .ok, "\(response.bodyText)", sourceLocation: sourceLocation)
        let object = try response.jsonObject(sourceLocation: sourceLocation)
        #expect(Set(object.keys) == ["results", "next_cursor", "has_more"], sourceLocation: sourceLocation)
        #expect(object["next_cursor"] is String || object["next_cursor"] is NSNull, sourceLocation: sourceLocation)
        let results = try #require(object["results"] as? [[String: Any]], sourceLocation: sourceLocation)
        for result in results { #expect(Set(result.keys) == ["message", "highlights"], sourceLocation: sourceLocation) }
        return (results.compactMap { ($0["message"] as? [String: Any])?["content"] as? String },
                results.compactMap { $0["highlights"] as? [[Int]] },
                object["next_cursor"] as? String, try #require(object["has_more"] as? Bool))
    }

    @Test func findsAllWordsNewestFirstWithHighlights() async throws {
        try await app().test(.router) { client in
            try await client.postMessage(content: "I love running")
            try await client.postMessage(content: "coffee first")
            try await client.postMessage(content: "She runs with coffee")
            try await client.postMessage(room: "other", content: "coffee running")
            let found = try await search(client, "q=coffee%20running")
            #expect(found.contents == ["She runs with coffee"])
            #expect(found.highlights == [[[4, 8], [14, 20]]])
            #expect(found.next == nil && !found.hasMore)
            #expect(try await search(client, "q=run").contents == ["She runs with coffee", "I love running"])
        }
    }

    @Test func pagesWithBeforeSeeingEveryMatchOnce() async throws {
        try await app().test(.router) { client in
            for index in 0..<23 { try await client.postMessage(content: index % 3 == 0 ? "noise \(index)" : "ping \(index)") }
            var seen: [String] = []
            var cursor: String?
            repeat {
                let page = try await search(client, "q=ping&limit=4" + (cursor.map { "&before=\($0)" } ?? ""))
                #expect(page.contents.count == 4 || !page.hasMore)
                seen += page.contents
                cursor = page.next
                #expect(page.hasMore == (cursor != nil))
            } while cursor != nil
            #expect(seen == (0..<23).reversed().filter { $0 % 3 != 0 }.map { "ping \($0)" })
        }
    }

    @Test func neverFindsDeletedMessagesAndFindsEditsByTheirNewWords() async throws {
        try await app().test(.router) { client in
            let gone = try #require(try await client.postMessage(content: "secret budget")["id"] as? String)
            let edited = try #require(try await client.postMessage(content: "budget review")["id"] as? String)
            _ = try await client.delete("/rooms/lobby/messages/\(gone)")
            try await client.editMessage(id: edited, content: "hiring plan")
            #expect(try await search(client, "q=budget").contents.isEmpty)
            #expect(try await search(client, "q=hiring").contents == ["hiring plan"])
        }
    }

    @Test func filtersBySender() async throws {
        try await app().test(.router) { client in
            try await client.postMessage(sender: "alice", content: "lunch at noon")
            try await client.postMessage(sender: "bob", content: "lunch later")
            #expect(try await search(client, "q=lunch&sender=alice").contents == ["lunch at noon"])
            #expect(try await search(client, "q=lunch&sender=carol").contents.isEmpty)
        }
    }

    @Test(arguments: [
        ("", "q"), ("q=", "q"), ("q=the", "q"), ("q=-coffee", "q"),
        ("q=\((1...17).map { "w\($0)" }.joined(separator: "+"))", "q"),
        ("q=\(String(repeating: "a", count: 257))", "q"),
        ("q=coffee&limit=0", "limit"), ("q=coffee&limit=101", "limit"), ("q=coffee&before=nope", "before"),
        ("q=coffee&before=", "before"), ("q=coffee&sender=", "sender"), ("q=coffee&sender=%01", "sender"),
        ("q=coffee&after=x", "after"), ("q=coffee&q=tea", "q"),
    ])
    func refusesBadInputNamingTheParameter(_ query: String, _ parameter: String) async throws {
        try await app().test(.router) { client in
            let response = try await client.get("/rooms/lobby/search?\(query)")
            try response.expectError(.badRequest, "invalid_argument")
            #expect(response.errorMessage?.contains(parameter) == true, "\(response.bodyText)")
        }
    }

    @Test func otherMethodsAre405WithAllow() async throws {
        try await app().test(.router) { client in
            let response = try await client.post("/rooms/lobby/search?q=coffee", body: "{}")
            try response.expectError(.methodNotAllowed, "method_not_allowed")
            #expect(response.headers[.allow] == "GET, HEAD")
        }
    }

    @Test func aCursorFromAnotherRoomIsRefused() async throws {
        try await app().test(.router) { client in
            for _ in 0..<3 { try await client.postMessage(room: "a", content: "coffee") }
            let cursor = try #require(try await search(client, "q=coffee&limit=1", room: "a").next)
            let response = try await client.get("/rooms/b/search?q=coffee&before=\(cursor)")
            try response.expectError(.badRequest, "invalid_argument")
        }
    }
}
