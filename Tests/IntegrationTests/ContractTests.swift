import Foundation
import Testing

/// The HTTP contract, over real HTTP against the built binary, on every available backend.
@Suite("HTTP contract against the running binary")
struct ContractTests {
    @Test(arguments: Backend.available)
    func postThenGetTheMessage(backend: Backend) async throws {
        try await withService(backend) { service in
            let client = service.client
            let created = try await client.postJSON("/rooms/lobby/messages", ["sender": "alice", "content": "hello"])
            #expect(created.status == 201)
            #expect(created.header("Content-Type")?.lowercased() == "application/json; charset=utf-8")
            let message = created.object
            let id = try #require(message["id"] as? String)
            #expect(id.range(of: "^[0-9a-f]{24}$", options: .regularExpression) != nil)
            #expect(created.header("Location") == "/rooms/lobby/messages/\(id)")
            #expect(message["room_id"] as? String == "lobby")
            #expect(message["sender"] as? String == "alice")
            #expect(message["content"] as? String == "hello")
            #expect(message["client_id"] == nil)
            let timestamp = try #require(message["timestamp"] as? String)
            #expect(timestamp.range(of: #"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$"#, options: .regularExpression) != nil)

            let fetched = try await client.get("/rooms/lobby/messages/\(id)")
            #expect(fetched.status == 200)
            #expect(fetched.object["id"] as? String == id)
            #expect(fetched.object["timestamp"] as? String == timestamp)

            #expect(try await client.get("/rooms/other/messages/\(id)").status == 404)
            #expect(try await client.get("/rooms/lobby/messages/000000000000000000000000").errorCode == "not_found")
            let badID = try await client.get("/rooms/lobby/messages/ABCDEF000000000000000000")
            #expect(badID.status == 400)
            #expect(badID.errorCode == "invalid_argument")
        }
    }

    @Test(arguments: Backend.available)
    func pagesAndCursors(backend: Backend) async throws {
        try await withService(backend) { service in
            let client = service.client
            var ids: [String] = []
            for i in 0..<5 {
                let r = try await client.postJSON("/rooms/r1/messages", ["sender": "s", "content": "m\(i)", "client_id": "c\(i)"])
                #expect(r.status == 201)
                #expect(r.object["client_id"] as? String == "c\(i)")
                ids.append(r.object["id"] as! String)
            }
            let newest = try await client.get("/rooms/r1/messages?limit=2")
            #expect(newest.status == 200)
            #expect(pageIDs(newest) == Array(ids[3...4]))
            #expect(newest.object["has_more"] as? Bool == true)
            let prev = try #require(newest.object["prev_cursor"] as? String)
            let next = try #require(newest.object["next_cursor"] as? String)

            let older = try await client.get("/rooms/r1/messages?limit=2&before=\(prev)")
            #expect(pageIDs(older) == Array(ids[1...2]))
            #expect(older.object["has_more"] as? Bool == true)
            let oldest = try await client.get("/rooms/r1/messages?limit=2&before=\(older.object["prev_cursor"] as! String)")
            #expect(pageIDs(oldest) == [ids[0]])
            #expect(oldest.object["has_more"] as? Bool == false)

            let caughtUp = try await client.get("/rooms/r1/messages?after=\(next)")
            #expect(pageIDs(caughtUp) == [])
            #expect(caughtUp.object["has_more"] as? Bool == false)
            #expect(caughtUp.object["prev_cursor"] is NSNull)
            #expect(caughtUp.object["next_cursor"] as? String == next)

            // A cursor denotes a position: prev_cursor works as after=, next_cursor as before=.
            let forward = try await client.get("/rooms/r1/messages?limit=10&after=\(oldest.object["prev_cursor"] as! String)")
            #expect(pageIDs(forward) == Array(ids[1...4]))
            let between = try await client.get("/rooms/r1/messages?limit=1&after=\(oldest.object["prev_cursor"] as! String)&before=\(next)")
            #expect(pageIDs(between) == [ids[1]])
            #expect(between.object["has_more"] as? Bool == true)

            let empty = try await client.get("/rooms/nobody-here/messages")
            #expect(empty.status == 200)
            #expect(pageIDs(empty) == [])
            #expect(empty.object["prev_cursor"] is NSNull)
            #expect(empty.object["next_cursor"] is NSNull)

            // A cursor from another room is refused.
            let foreign = try await client.get("/rooms/r2/messages?before=\(prev)")
            #expect(foreign.status == 400)
            #expect(foreign.errorCode == "invalid_argument")
        }
    }

    @Test(arguments: Backend.available)
    func healthAndReadiness(backend: Backend) async throws {
        try await withService(backend) { service in
            let health = try await service.client.get("/healthz")
            #expect(health.status == 200)
            #expect(health.object["status"] as? String == "ok")
            let ready = try await service.client.get("/readyz")
            #expect(ready.status == 200)
            #expect(ready.object["status"] as? String == "ready")
        }
    }

    @Test(arguments: Backend.available)
    func idempotentRetriesIncludingConcurrentOnes(backend: Backend) async throws {
        try await withService(backend) { service in
            let client = service.client
            let first = try await client.postJSON("/rooms/idem/messages", ["sender": "bob", "content": "once", "client_id": "k-1"])
            #expect(first.status == 201)
            let retry = try await client.postJSON("/rooms/idem/messages", ["sender": "bob", "content": "once", "client_id": "k-1"])
            #expect(retry.status == 200)
            #expect(retry.object["id"] as? String == first.object["id"] as? String)
            #expect(retry.object["timestamp"] as? String == first.object["timestamp"] as? String)
            let conflict = try await client.postJSON("/rooms/idem/messages", ["sender": "bob", "content": "changed", "client_id": "k-1"])
            #expect(conflict.status == 409)
            #expect(conflict.errorCode == "conflict")
            // The same client_id in another room is a different message.
            #expect(try await client.postJSON("/rooms/idem2/messages", ["sender": "bob", "content": "once", "client_id": "k-1"]).status == 201)

            let responses = try await withThrowingTaskGroup(of: HTTPResponse.self) { group in
                for _ in 0..<24 {
                    group.addTask { try await client.postJSON("/rooms/idem/messages", ["sender": "eve", "content": "race", "client_id": "k-2"]) }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(responses.filter { $0.status == 201 }.count == 1)
            #expect(responses.filter { $0.status == 200 }.count == 23)
            #expect(Set(responses.compactMap { $0.object["id"] as? String }).count == 1)
            let page = try await client.get("/rooms/idem/messages?limit=100")
            #expect(pageIDs(page).count == 2)
        }
    }

    @Test(arguments: Backend.available)
    func restartKeepsEverything(backend: Backend) async throws {
        let service = try await ServiceProcess.start(backend)
        defer { service.cleanUp() }
        var posted: [String] = []
        for i in 0..<40 {
            let r = try await service.client.postJSON("/rooms/keep/messages", ["sender": "s", "content": "n\(i)", "client_id": "id-\(i)"])
            posted.append(r.object["id"] as! String)
        }
        if backend == .standaloneEngine { await service.stop() } else { await service.stopService() }
        try await service.start()
        let all = try await walkBackward(service.client, room: "keep", limit: 7)
        #expect(all == posted)
        let retry = try await service.client.postJSON("/rooms/keep/messages", ["sender": "s", "content": "n3", "client_id": "id-3"])
        #expect(retry.status == 200)
        #expect(retry.object["id"] as? String == posted[3])
        await service.stop()
    }
}

func pageIDs(_ response: HTTPResponse) -> [String] {
    (response.object["messages"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
}

/// Every message of a room, oldest first, by walking `before=` pages from the newest.
func walkBackward(_ client: HTTPClient, room: String, limit: Int) async throws -> [String] {
    var pages: [[String]] = []
    var target = "/rooms/\(room)/messages?limit=\(limit)"
    while true {
        let page = try await client.get(target)
        guard page.status == 200 else { throw ServiceProcessError.didNotStart("page failed: \(page.status) \(page.text)") }
        pages.append(pageIDs(page))
        guard page.object["has_more"] as? Bool == true, let prev = page.object["prev_cursor"] as? String else { break }
        target = "/rooms/\(room)/messages?limit=\(limit)&before=\(prev)"
    }
    return pages.reversed().flatMap { $0 }
}
