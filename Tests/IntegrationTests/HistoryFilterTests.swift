import Foundation
import Testing

/// History by sender and around a message, against the real binary on every backend.
@Suite("History by sender and around a message")
struct HistoryFilterTests {
    @Test(arguments: Backend.available)
    func senderPagesAndAroundNeighbours(backend: Backend) async throws {
        try await withService(backend) { service in
            let client = service.client
            var ids: [String] = []
            for index in 0..<20 {
                let response = try await client.postJSON("/rooms/h/messages", ["sender": index % 3 == 0 ? "cy" : "di", "content": "m\(index)"])
                ids.append(try #require(response.object["id"] as? String))
            }
            let cys = ids.enumerated().filter { $0.offset % 3 == 0 }.map(\.element)
            var seen: [String] = []
            var cursor: String?
            repeat {
                let page = try await client.get("/rooms/h/messages?sender=cy&limit=3" + (cursor.map { "&before=\($0)" } ?? ""))
                #expect(page.status == 200, "\(page.text)")
                seen = ((page.object["messages"] as? [[String: Any]]) ?? []).compactMap { $0["id"] as? String } + seen
                cursor = page.object["has_more"] as? Bool == true ? page.object["prev_cursor"] as? String : nil
            } while cursor != nil
            #expect(seen == cys)

            let around = try await client.get("/rooms/h/messages?around=\(ids[10])&limit=6")
            #expect(around.status == 200, "\(around.text)")
            #expect(((around.object["messages"] as? [[String: Any]]) ?? []).compactMap { $0["id"] as? String } == Array(ids[7...13]))
            #expect(around.object["found_oldest"] as? Bool == false && around.object["found_newest"] as? Bool == false)
            let newer = try await client.get("/rooms/h/messages?after=\(try #require(around.object["next_cursor"] as? String))")
            #expect(((newer.object["messages"] as? [[String: Any]]) ?? []).compactMap { $0["id"] as? String } == Array(ids[14...]))

            #expect(try await client.get("/rooms/h/messages?around=\(String(repeating: "a", count: 24))").status == 404)
            #expect(try await client.get("/rooms/h/messages?around=\(ids[1])&before=\(try #require(around.object["prev_cursor"] as? String))").status == 400)
            #expect(try await client.get("/rooms/h/messages?sender=%00").status == 400)
        }
    }
}
