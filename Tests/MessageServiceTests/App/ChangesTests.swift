import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import MessageService

@Suite struct ChangesTests {
    @Test func listsTheLatestStateOfEachChangedMessageInChangeOrder() async throws {
        try await makeApp().test(.router) { client in
            let a = try #require(try await client.postMessage(content: "a")["id"] as? String)
            let b = try #require(try await client.postMessage(content: "b")["id"] as? String)
            try await client.postMessage(content: "c")
            try await client.editMessage(id: a, content: "a2")       // change 4
            #expect(try await client.delete("/rooms/lobby/messages/\(b)").status == .ok)  // change 5

            let all = try await client.changes()
            #expect(all.changes.map { $0["change"] as? Int } == [3, 4, 5])
            #expect(all.changes.map { $0["content"] as? String } == ["c", "a2", nil])
            #expect(all.changes.last?["deleted"] as? Bool == true)
            #expect(all.lastChange == 5)
            #expect(!all.hasMore)

            let paged = try await client.changes(query: "after=0&limit=2")
            #expect(paged.changes.map { $0["change"] as? Int } == [3, 4])
            #expect(paged.lastChange == 4)
            #expect(paged.hasMore)
            let rest = try await client.changes(query: "after=\(paged.lastChange)&limit=2")
            #expect(rest.changes.map { $0["change"] as? Int } == [5])
            #expect(!rest.hasMore)

            let none = try await client.changes(query: "after=5")
            #expect(none.changes.isEmpty)
            #expect(none.lastChange == 5, "an empty page keeps the client's place")
            let quiet = try await client.changes(room: "quiet")
            #expect(quiet.changes.isEmpty && quiet.lastChange == 0 && !quiet.hasMore)
        }
    }

    @Test(arguments: ["after=-1", "after=", "after=01", "after=1.5", "after=x", "after=99999999999999999999",
                      "limit=0", "limit=1001", "limit=", "after=1&after=2", "cursor=1"])
    func refusesBadParameters(_ query: String) async throws {
        try await makeApp().test(.router) { client in
            try await client.get("/rooms/lobby/changes?\(query)").expectError(.badRequest, "invalid_argument")
        }
    }

    @Test func refusesBadRoomsAndOtherMethods() async throws {
        try await makeApp().test(.router) { client in
            try await client.get("/rooms/a%20b/changes").expectError(.badRequest, "invalid_argument")
            try await client.execute(uri: "/rooms/a/changes", method: .post).expectError(.methodNotAllowed, "method_not_allowed")
        }
    }
}
