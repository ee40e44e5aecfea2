import Foundation
import Testing

/// 1,200 messages posted concurrently (many within the same millisecond), then walked in both directions
/// with a small page size: every message is seen exactly once, in (timestamp, id) order.
@Suite("Exact paging over concurrently posted messages")
struct PagingTests {
    @Test(arguments: Backend.available)
    func walkBackwardAndForwardSeesEveryMessageOnce(backend: Backend) async throws {
        try await withService(backend) { service in
            let client = service.client
            let total = 1_200
            let workers = 24
            let created = try await withThrowingTaskGroup(of: [(String, String)].self) { group in
                for worker in 0..<workers {
                    group.addTask {
                        var mine: [(String, String)] = []
                        for i in stride(from: worker, to: total, by: workers) {
                            let r = try await client.postJSON("/rooms/busy/messages", ["sender": "w\(worker)", "content": "m\(i)"])
                            guard r.status == 201 else { throw ServiceProcessError.didNotStart("post failed \(r.status) \(r.text)") }
                            mine.append((r.object["id"] as! String, r.object["timestamp"] as! String))
                        }
                        return mine
                    }
                }
                return try await group.reduce(into: []) { $0 += $1 }
            }
            #expect(created.count == total)
            let sharedMilliseconds = Dictionary(grouping: created, by: \.1).values.filter { $0.count > 1 }.count
            print("paging: \(total) messages, \(sharedMilliseconds) milliseconds shared by more than one message")

            let expected = created.sorted { ($0.1, $0.0) < ($1.1, $1.0) }.map(\.0)
            let backward = try await walkBackward(client, room: "busy", limit: 7)
            #expect(backward.count == total)
            #expect(Set(backward).count == total)
            #expect(backward == expected)

            // Forward from the oldest message's position: everything after it, in order.
            var forward: [String] = []
            var first = try await client.get("/rooms/busy/messages?limit=1000")
            while first.object["has_more"] as? Bool == true {
                first = try await client.get("/rooms/busy/messages?limit=1000&before=\(first.object["prev_cursor"] as! String)")
            }
            forward += pageIDs(first).prefix(1)
            var after = try cursorOfFirst(first)
            while true {
                let page = try await client.get("/rooms/busy/messages?limit=9&after=\(after)")
                forward += pageIDs(page)
                guard page.object["has_more"] as? Bool == true else { break }
                after = page.object["next_cursor"] as! String
            }
            #expect(forward == expected)
        }
    }

    /// The cursor of a page's oldest message, usable as after= to continue right behind it.
    private func cursorOfFirst(_ page: HTTPResponse) throws -> String {
        try #require(page.object["prev_cursor"] as? String)
    }
}
