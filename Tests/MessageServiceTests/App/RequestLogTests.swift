import Hummingbird
import HummingbirdTesting
import InMemoryLogging
import Logging
import Testing
@testable import MessageService

/// The one info line per request, and what stays out of the info log.
@Suite struct RequestLogTests {
    @Test func logsOneLinePerRequestWithItsRouteStatusDurationAndID() async throws {
        let recorder = InMemoryLogHandler()
        var logger = Logger(label: "test.recorded") { _ in recorder }
        logger.logLevel = .info
        try await makeApp(logger: logger).test(.router) { client in
            var headers = HTTPFields()
            headers[RequestID.header] = "trace-123"
            let body = ByteBuffer(string: #"{"sender":"mallory","content":"the vault code is 0451"}"#)
            headers[.contentType] = "application/json"
            let response = try await client.execute(
                uri: "/rooms/vault-room/messages", method: .post, headers: headers, body: body)
            #expect(response.status == .created)
            #expect(try await client.get("/nowhere").status == .notFound)
        }
        let entries = recorder.entries.filter { $0.message == "request" }
        try #require(entries.count == 2)
        #expect(entries.allSatisfy { $0.level == .info })
        let lines = entries.map { $0.metadata.mapValues(\.description) }
        let created = lines[0]
        #expect(created["method"] == "POST")
        #expect(created["route"] == "/rooms/{room_id}/messages")
        #expect(created["status"] == "201")
        #expect(created["request_id"] == "trace-123")
        #expect(created["hb.request.id"] == "trace-123", "one id per request")
        let duration = try #require(created["duration_ms"].flatMap(Double.init))
        #expect(duration >= 0)
        #expect(lines[1]["route"] == "unmatched")
        #expect(lines[1]["status"] == "404")
        #expect(lines[1]["request_id"] != nil)

        // Nothing a user wrote reaches the log at info: no content, no sender, no raw path.
        for entry in recorder.entries where entry.level >= .info {
            let text = entry.message.description + entry.metadata.map { "\($0.key)=\($0.value)" }.joined()
            #expect(!text.contains("0451"))
            #expect(!text.contains("mallory"))
            #expect(!text.contains("vault-room"))
        }
    }
}
