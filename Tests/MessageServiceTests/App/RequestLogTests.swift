import Hummingbird
import HummingbirdTesting
import Testing
@testable import MessageService

/// The one info line per request, and what stays out of the info log.
@Suite struct RequestLogTests {
    @Test func logsOneLinePerRequestWithItsRouteStatusDurationAndID() async throws {
        let recorder = LogRecorder()
        try await makeApp(logger: recorder.logger()).test(.router) { client in
            var headers = HTTPFields()
            headers[RequestID.header] = "trace-123"
            let body = ByteBuffer(string: #"{"sender":"mallory","content":"the vault code is 0451"}"#)
            headers[.contentType] = "application/json"
            let response = try await client.execute(
                uri: "/rooms/vault-room/messages", method: .post, headers: headers, body: body)
            #expect(response.status == .created)
            #expect(try await client.get("/nowhere").status == .notFound)
        }
        let lines = recorder.recorded.filter { $0.message == "request" }
        try #require(lines.count == 2)
        let created = lines[0]
        #expect(created.level == .info)
        #expect(created.metadata["method"] == "POST")
        #expect(created.metadata["route"] == "/rooms/{room_id}/messages")
        #expect(created.metadata["status"] == "201")
        #expect(created.metadata["request_id"] == "trace-123")
        #expect(created.metadata["hb.request.id"] == nil, "one id per request")
        let duration = try #require(created.metadata["duration_ms"].flatMap(Double.init))
        #expect(duration >= 0)
        #expect(lines[1].metadata["route"] == "unmatched")
        #expect(lines[1].metadata["status"] == "404")
        #expect(lines[1].metadata["request_id"] != nil)

        // Nothing a user wrote reaches the log at info: no content, no sender, no raw path.
        for entry in recorder.recorded where entry.level >= .info {
            let text = entry.message + entry.metadata.map { "\($0.key)=\($0.value)" }.joined()
            #expect(!text.contains("0451"))
            #expect(!text.contains("mallory"))
            #expect(!text.contains("vault-room"))
        }
    }
}
