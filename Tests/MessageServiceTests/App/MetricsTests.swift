import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import MessageService

/// `GET /metrics` after known traffic, through the application's own middleware and registry.
@Suite struct MetricsTests {
    private func scrape(_ client: some TestClientProtocol) async throws -> (text: String, samples: [MetricSample]) {
        let response = try await client.get("/metrics")
        #expect(response.status == .ok)
        #expect(response.headers[.contentType] == "text/plain; version=0.0.4; charset=utf-8")
        return (response.bodyText, parseSamples(response.bodyText))
    }

    @Test func countsRequestsByRouteTemplateAndStatus() async throws {
        try await makeApp().test(.router) { client in
            for index in 0..<3 { try await client.postMessage(room: "secret-room-7", sender: "mallory", content: "m\(index)") }
            #expect(try await client.get("/rooms/secret-room-7/messages").status == .ok)
            #expect(try await client.post("/rooms/secret-room-7/messages", body: "{").status == .badRequest)

            let (text, samples) = try await scrape(client)
            let route = "/rooms/{room_id}/messages"
            #expect(samples.value("msgsvc_http_requests_total", ["method": "POST", "route": route, "status": "201"]) == 3)
            #expect(samples.value("msgsvc_http_requests_total", ["method": "GET", "route": route, "status": "200"]) == 1)
            #expect(samples.value("msgsvc_http_requests_total", ["method": "POST", "route": route, "status": "400"]) == 1)
            // One latency histogram per method and route: four POSTs, one GET.
            #expect(samples.value("msgsvc_http_request_duration_seconds_count", ["method": "POST", "route": route]) == 4)
            #expect(samples.value("msgsvc_http_request_duration_seconds_count", ["method": "GET", "route": route]) == 1)
            #expect(samples.value("msgsvc_messages_stored_total") == 3)
            // No label carries what a user wrote.
            #expect(!text.contains("secret-room-7"))
            #expect(!text.contains("mallory"))
        }
    }

    @Test func labelsUnknownPathsAndMethodsAsUnmatched() async throws {
        try await makeApp().test(.router) { client in
            #expect(try await client.get("/no/such/room-42").status == .notFound)
            #expect(try await client.execute(uri: "/rooms/lobby/messages", method: .put).status == .methodNotAllowed)
            #expect(try await client.execute(uri: "/healthz", method: .init("BREW")!).status == .methodNotAllowed)

            let (text, samples) = try await scrape(client)
            #expect(samples.value("msgsvc_http_requests_total", ["method": "GET", "route": "unmatched", "status": "404"]) == 1)
            #expect(samples.value("msgsvc_http_requests_total", ["method": "PUT", "route": "unmatched", "status": "405"]) == 1)
            // A client's own method token is not a label value either.
            #expect(samples.value("msgsvc_http_requests_total", ["method": "other", "route": "unmatched", "status": "405"]) == 1)
            #expect(!text.contains("room-42"))
            #expect(!text.contains("BREW"))
        }
    }

    @Test func countsOnlyMessagesThatWereCreated() async throws {
        try await makeApp().test(.router) { client in
            try await client.postMessage(clientID: "retry-1")
            // The retry finds its original: 200, nothing stored.
            let body = #"{"sender":"alice","content":"hello","client_id":"retry-1"}"#
            #expect(try await client.post("/rooms/lobby/messages", body: body).status == .ok)
            let (_, samples) = try await scrape(client)
            #expect(samples.value("msgsvc_messages_stored_total") == 1)
        }
    }

    @Test func eachApplicationCountsForItself() async throws {
        try await makeApp().test(.router) { client in
            _ = try await client.postMessage()
        }
        try await makeApp().test(.router) { client in
            let (_, samples) = try await scrape(client)
            #expect(samples.value("msgsvc_messages_stored_total") == 0)
            #expect(samples.value("msgsvc_http_requests_total", ["method": "POST"]) == nil)
        }
    }

    @Test func showsOpenLiveStreams() async throws {
        // Frequent heartbeats: a write is how the server learns that the client has gone.
        var configuration = ServiceConfiguration(
            port: 0, live: LiveSettings(heartbeat: .milliseconds(200), pollInterval: .milliseconds(20)))
        configuration.requestHeadTimeoutSeconds = 300
        try await makeApp(configuration: configuration).test(.live) { client in
            let port = try #require(client.port)
            #expect(try await scrape(client).samples.value("msgsvc_live_streams") == 0)
            try await client.postMessage()
            let stream = try await SSEClient(port: port, path: "/rooms/lobby/live?after=0")
            _ = try #require(try await stream.next())
            #expect(try await scrape(client).samples.value("msgsvc_live_streams") == 1)
            stream.disconnect()
            // The server notices the closed connection on its next write (a heartbeat at the latest).
            var open: Double? = 1
            for _ in 0..<600 where open != 0 {
                try await Task.sleep(for: .milliseconds(50))
                open = try await scrape(client).samples.value("msgsvc_live_streams")
            }
            #expect(open == 0)
        }
    }
}
