import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import MessageService

extension TestClientProtocol {
    /// The room's export as the JSON objects of its lines.
    func exportLines(room: String = "lobby", sourceLocation: SourceLocation = #_sourceLocation) async throws -> [[String: Any]] {
        let response = try await get("/rooms/\(room)/export")
        #expect(response.status == .ok, "\(response.bodyText)", sourceLocation: sourceLocation)
        #expect(response.headers[.contentType] == "application/x-ndjson", sourceLocation: sourceLocation)
        #expect(response.bodyText.isEmpty || response.bodyText.hasSuffix("\n"), sourceLocation: sourceLocation)
        return try response.bodyText.split(separator: "\n").map { line in
            try #require(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], sourceLocation: sourceLocation)
        }
    }

    func importNDJSON(_ body: String, room: String = "lobby", contentType: String? = "application/x-ndjson") async throws -> TestResponse {
        try await post("/rooms/\(room)/import", body: body, contentType: contentType)
    }

    /// Imports `body` and returns the report `(imported, existing, failed lines)`.
    func importReport(
        _ body: String, room: String = "lobby", sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> (imported: Int, existing: Int, failed: [(line: Int, error: String)]) {
        let response = try await importNDJSON(body, room: room)
        #expect(response.status == .ok, "\(response.bodyText)", sourceLocation: sourceLocation)
        let object = try response.jsonObject(sourceLocation: sourceLocation)
        #expect(Set(object.keys) == ["imported", "existing", "failed"], sourceLocation: sourceLocation)
        let failed = try #require(object["failed"] as? [[String: Any]], sourceLocation: sourceLocation).map {
            ($0["line"] as? Int ?? -1, $0["error"] as? String ?? "")
        }
        return (object["imported"] as? Int ?? -1, object["existing"] as? Int ?? -1, failed)
    }
}

/// The room as an export shows it, without the numbers an import gives anew.
func withoutNumbers(_ lines: [[String: Any]]) -> [NSDictionary] {
    lines.map { line in
        var line = line
        line["seq"] = nil
        line["change"] = nil
        return line as NSDictionary
    }
}

@Suite struct RoomTransferTests {
    private func ndjson(_ lines: [[String: Any]]) throws -> String {
        try lines.map { String(decoding: try JSONSerialization.data(withJSONObject: $0, options: [.sortedKeys]), as: UTF8.self) + "\n" }
            .joined()
    }

    /// A room with every kind of message: plain, with client_id, edited, deleted (with its client_id).
    private func fillRoom(_ client: some TestClientProtocol) async throws {
        try await client.postMessage(content: "one")
        let edited = try await client.postMessage(sender: "bob", content: "two", clientID: "c-2")
        let deleted = try await client.postMessage(sender: "carol", content: "secret", clientID: "c-3")
        try await client.postMessage(content: "four\nwith \"quotes\" and ünïcödé")
        try await client.editMessage(id: edited["id"] as! String, content: "two, edited")
        #expect(try await client.delete("/rooms/lobby/messages/\(deleted["id"] as! String)").status == .ok)
    }

    @Test func exportHasEveryMessageInSeqOrderAsTheAPIShowsIt() async throws {
        try await makeApp().test(.router) { client in
            try await fillRoom(client)
            let lines = try await client.exportLines()
            #expect(lines.map { $0["seq"] as? Int } == [1, 2, 3, 4])
            let page = try await client.get("/rooms/lobby/messages").jsonObject()["messages"] as! [[String: Any]]
            // Every line is the API's message object; a tombstone adds the client_id an import needs.
            var tombstone = lines[2]
            #expect(tombstone["deleted"] as? Bool == true && tombstone["content"] == nil)
            #expect(tombstone.removeValue(forKey: "client_id") as? String == "c-3")
            #expect(([lines[0], lines[1], tombstone, lines[3]] as [NSDictionary]) == (page as [NSDictionary]))
            #expect(lines[1]["edited_at"] != nil)
        }
    }

    @Test func anEmptyRoomExportsNothing() async throws {
        try await makeApp().test(.router) { client in
            let lines = try await client.exportLines(room: "nobody")
            #expect(lines.isEmpty)
        }
    }

    @Test func exportRefusesBadRequests() async throws {
        try await makeApp().test(.router) { client in
            try await client.get("/rooms/bad%20room/export").expectError(.badRequest, "invalid_argument")
            try await client.get("/rooms/lobby/export?limit=5").expectError(.badRequest, "invalid_argument")
            try await client.execute(uri: "/rooms/lobby/export", method: .delete).expectError(.methodNotAllowed, "method_not_allowed")
        }
        try await makeApp(store: UnreachableStore()).test(.router) { client in
            try await client.get("/rooms/lobby/export").expectError(.serviceUnavailable, "unavailable")
        }
    }

    @Test func importIntoAnotherStoreReproducesTheRoomAndAgainChangesNothing() async throws {
        let body = try await makeApp().test(.router) { client in
            try await fillRoom(client)
            return try await client.get("/rooms/lobby/export").bodyText
        }
        try await makeApp().test(.router) { client in
            let exported = try body.split(separator: "\n").map {
                try #require(JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
            }
            #expect(exported.count == 4)
            let first = try await client.importReport(body)
            #expect(first.imported == 4 && first.existing == 0 && first.failed.isEmpty)
            let copy = try await client.exportLines()
            #expect(withoutNumbers(copy) == withoutNumbers(exported))
            #expect(copy.map { $0["seq"] as? Int } == [1, 2, 3, 4])
            #expect(copy.map { $0["change"] as? Int } == [1, 2, 3, 4])

            let again = try await client.importReport(body)
            #expect(again.imported == 0 && again.existing == 4 && again.failed.isEmpty)
            #expect(try await client.changes().lastChange == 4)
            // The tombstone's client_id came along: a retried post of it gets the tombstone back.
            let retry = try await client.post("/rooms/lobby/messages", body: #"{"sender":"carol","content":"secret","client_id":"c-3"}"#)
            #expect(retry.status == .ok)
            #expect(try retry.jsonObject()["deleted"] as? Bool == true)
        }
    }

    @Test func importedMessagesFollowTheRoomAsNewChanges() async throws {
        try await makeApp().test(.router) { client in
            try await client.postMessage(content: "already here")
            let before = try await client.changes()
            let report = try await client.importReport(#"{"sender":"a","content":"old","timestamp":"2020-01-01T00:00:00.000Z"}"# + "\n")
            #expect(report.imported == 1)
            let after = try await client.changes(query: "after=\(before.lastChange)")
            #expect(after.changes.count == 1)
            #expect(after.changes.first?["seq"] as? Int == 2)
            #expect(after.changes.first?["change"] as? Int == before.lastChange + 1)
            #expect(after.changes.first?["timestamp"] as? String == "2020-01-01T00:00:00.000Z")
        }
    }

    @Test func badLinesAreReportedByNumberWhileTheGoodOnesAreImported() async throws {
        try await makeApp().test(.router) { client in
            let body = """
                {"sender":"a","content":"good one"}
                {"sender":"a","content":
                \r
                {"sender":"a","content":"x","colour":"red"}
                {"sender":"a","content":"good two","client_id":"k"}
                {"sender":"a","content":"changed","client_id":"k"}
                """
            let report = try await client.importReport(body)
            #expect(report.imported == 2)
            #expect(report.existing == 0)
            #expect(report.failed.map(\.line) == [2, 4, 6])
            #expect(report.failed[0].error.hasPrefix("line is "))
            #expect(report.failed[1].error.contains("unknown field \"colour\""))
            #expect(report.failed[2].error.contains("client_id \"k\" was already used"))
            #expect(try await client.exportLines().map { $0["content"] as? String } == ["good one", "good two"])
        }
    }

    @Test func anIdBelongingToAnotherRoomFailsThatLine() async throws {
        try await makeApp().test(.router) { client in
            try await client.postMessage(room: "a", content: "mine")
            let body = try ndjson(try await client.exportLines(room: "a")) + #"{"sender":"b","content":"new"}"#
            let report = try await client.importReport(body, room: "b")
            #expect(report.imported == 1)
            #expect(report.failed.map(\.line) == [1])
            #expect(report.failed.first?.error.contains("another room") == true)
        }
    }

    @Test func aLineOverOneMebibyteFailsAloneAndIsNotKept() async throws {
        try await makeApp().test(.router) { client in
            let huge = #"{"sender":"a","content":""# + String(repeating: "x", count: 1_048_576) + "\"}"
            let report = try await client.importReport("\(huge)\n{\"sender\":\"a\",\"content\":\"after\"}\n")
            #expect(report.imported == 1)
            #expect(report.failed.map(\.line) == [1])
            #expect(report.failed.first?.error == "line is longer than 1048576 bytes")
        }
    }

    @Test func importRefusesWhatIsNotNDJSONWithinTheLimit() async throws {
        var configuration = ServiceConfiguration(port: 0)
        configuration.maxImportBytes = 100
        try await makeApp(configuration: configuration).test(.router) { client in
            let line = #"{"sender":"a","content":"hello"}"# + "\n"
            try await client.importNDJSON(line, contentType: "application/json").expectError(.unsupportedMediaType, "unsupported_media_type")
            try await client.importNDJSON(line, contentType: nil).expectError(.unsupportedMediaType, "unsupported_media_type")
            #expect(try await client.importNDJSON(line, contentType: "application/ndjson; charset=utf-8").status == .ok)
            try await client.importNDJSON(line, room: "bad%20room").expectError(.badRequest, "invalid_argument")
            try await client.post("/rooms/lobby/import?x=1", body: line, contentType: "application/x-ndjson")
                .expectError(.badRequest, "invalid_argument")

            // Found too large while reading (a declared Content-Length is checked first, over real HTTP in
            // the integration tests): 413, saying how far it got.
            let streamed = try await client.execute(
                uri: "/rooms/lobby/import", method: .post, headers: [.contentType: "application/x-ndjson"],
                body: ByteBuffer(string: String(repeating: line, count: 4)))
            try streamed.expectError(.contentTooLarge, "payload_too_large")
            #expect(streamed.errorMessage?.contains("larger than 100 bytes") == true)
        }
    }

    @Test func storeFailuresAreAnsweredAsForAPost() async throws {
        let line = #"{"sender":"a","content":"hello"}"#
        try await makeApp(store: UnreachableStore()).test(.router) { client in
            try await client.importNDJSON(line).expectError(.serviceUnavailable, "unavailable")
        }
        try await makeApp(store: FullStore()).test(.router) { client in
            try await client.importNDJSON(line).expectError(HTTPResponse.Status(code: 507), "insufficient_storage")
        }
    }
}
