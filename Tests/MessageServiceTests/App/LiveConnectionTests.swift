import Hummingbird
import HummingbirdTesting
import Testing
@testable import MessageService

/// Over a real socket: one keep-alive connection survives every kind of bad request.
@Suite struct LiveConnectionTests {
    @Test func badRequestsDoNotPoisonTheConnection() async throws {
        var configuration = ServiceConfiguration(port: 0)
        // The test client opens its keep-alive connection first; on a loaded machine (CI runs every suite
        // at once) a request can come more than the usual 10 s later, and the server would close the
        // connection as idle: "I/O on closed channel", seen in full runs.
        configuration.requestHeadTimeoutSeconds = 300
        configuration.requestBodyTimeoutSeconds = 300
        try await makeApp(configuration: configuration).test(.live) { client in
            try await client.post("/rooms/lobby/messages", body: "{\"sender\":").expectError(.badRequest, "invalid_argument")
            try await client.post("/rooms/lobby/messages", body: String(repeating: "x", count: 1_048_577))
                .expectError(.contentTooLarge, "payload_too_large")
            try await client.post("/rooms/lobby/messages", body: "{}", contentType: "text/plain")
                .expectError(.unsupportedMediaType, "unsupported_media_type")
            try await client.post("/rooms/lobby/messages", bytes: [0x22, 0xED, 0xA0, 0x80, 0x22]).expectError(.badRequest, "invalid_argument")
            try await client.get("/nowhere").expectError(.notFound, "not_found")
            try await client.execute(uri: "/healthz", method: .delete).expectError(.methodNotAllowed, "method_not_allowed")

            let created = try await client.post("/rooms/lobby/messages", body: #"{"sender":"a","content":"still fine"}"#)
            #expect(created.status == .created)
            let page = try PageView(try await client.get("/rooms/lobby/messages"))
            #expect(page.contents == ["still fine"])
            #expect(try await client.get("/healthz").status == .ok)
        }
    }
}
