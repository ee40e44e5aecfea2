import BSON
import Foundation
import MongoPool
import Testing

/// `/metrics`, `X-Request-Id`, the per-request log line and `.env`, against the real binary.
@Suite("Metrics, request ids and logs over real HTTP")
struct ObservabilityTests {
    private static let room = "it-secret-room"
    private static let sender = "it-secret-sender"

    /// `name{labels} value` samples of a Prometheus text body, labels as a dictionary.
    private func samples(_ text: String) -> [(name: String, labels: [String: String], value: Double)] {
        text.split(separator: "\n").compactMap { line in
            guard !line.hasPrefix("#"), let space = line.lastIndex(of: " "), let value = Double(line[line.index(after: space)...])
            else { return nil }
            let series = line[..<space]
            guard let brace = series.firstIndex(of: "{") else { return (String(series), [:], value) }
            var labels: [String: String] = [:]
            for pair in series[series.index(after: brace)..<series.index(before: series.endIndex)].split(separator: ",") {
                let parts = pair.split(separator: "=", maxSplits: 1)
                if parts.count == 2 { labels[String(parts[0])] = String(parts[1].dropFirst().dropLast()) }
            }
            return (String(series[..<brace]), labels, value)
        }
    }

    private func value(_ text: String, _ name: String, _ labels: [String: String] = [:]) -> Double? {
        let matching = samples(text).filter { sample in
            sample.name == name && labels.allSatisfy { sample.labels[$0.key] == $0.value }
        }
        return matching.count == 1 ? matching[0].value : nil
    }

    @Test("a scrape after known traffic finds its counts", arguments: Backend.available)
    func metricsAfterKnownTraffic(backend: Backend) async throws {
        try await withService(backend) { service in
            let client = service.client
            for index in 0..<3 {
                let response = try await client.postJSON(
                    "/rooms/\(Self.room)/messages", ["sender": Self.sender, "content": "hello \(index)"])
                #expect(response.status == 201)
            }
            #expect(try await client.get("/rooms/\(Self.room)/messages").status == 200)
            #expect(try await client.post("/rooms/\(Self.room)/messages", raw: #"{"sender":"a"}"#).status == 400)

            let scrape = try await client.get("/metrics")
            #expect(scrape.status == 200)
            #expect(scrape.header("Content-Type") == "text/plain; version=0.0.4; charset=utf-8")
            let text = scrape.text
            let route = "/rooms/{room_id}/messages"
            #expect(value(text, "msgsvc_http_requests_total", ["method": "POST", "route": route, "status": "201"]) == 3)
            #expect(value(text, "msgsvc_http_requests_total", ["method": "GET", "route": route, "status": "200"]) == 1)
            #expect(value(text, "msgsvc_http_requests_total", ["method": "POST", "route": route, "status": "400"]) == 1)
            #expect(value(text, "msgsvc_http_request_duration_seconds_count", ["method": "POST", "route": route]) == 4)
            // The readiness polls before the test's traffic are counted under their own template.
            #expect((value(text, "msgsvc_http_requests_total", ["method": "GET", "route": "/readyz", "status": "200"]) ?? 0) >= 1)
            #expect(value(text, "msgsvc_messages_stored_total") == 3)
            #expect(value(text, "msgsvc_live_streams") == 0)
            #expect((value(text, "msgsvc_pool_connections") ?? 0) >= 1)
            #expect(value(text, "msgsvc_pool_connections_in_use") == 0)
            #expect(value(text, "msgsvc_pool_waiters") == 0)
            if backend == .embedded {
                // The engine runs in this process: its commands and group commits are in the same registry.
                #expect((value(text, "msgsvc_engine_commands_total", ["command": "insert"]) ?? 0) >= 3)
                #expect((value(text, "msgsvc_engine_commands_total", ["command": "find"]) ?? 0) >= 1)
                #expect((value(text, "msgsvc_engine_commit_batch_size_sum") ?? 0) >= 3)
                #expect((value(text, "msgsvc_engine_commit_duration_seconds_count") ?? 0) >= 1)
            }
            #expect(!text.contains(Self.room))
            #expect(!text.contains(Self.sender))
        }
    }

    /// Starts msgsvc with `arguments`, runs `body`, and always stops it; returns what it logged.
    private func withArguments(_ arguments: [String], _ body: (ServiceProcess) async throws -> Void) async throws -> String {
        let service = try await ServiceProcess.start(.embedded, extraArguments: arguments)
        defer { service.cleanUp() }
        do {
            try await body(service)
        } catch {
            await service.stop()
            print("msgsvc log:\n\(service.service?.log ?? "")")
            throw error
        }
        await service.stop()
        return service.service?.log ?? ""
    }

    @Test("X-Request-Id round-trips, and an unsafe one is replaced")
    func requestIDRoundTrip() async throws {
        try await withService(.embedded) { service in
            let client = service.client
            let given = "it-req_0042.a"
            let echoed = try await client.send("GET", "/rooms/lobby/messages", headers: [("X-Request-Id", given)])
            #expect(echoed.status == 200)
            #expect(echoed.header("X-Request-Id") == given)
            let missing = try await client.send("GET", "/no/such/path", headers: [("X-Request-Id", given)])
            #expect(missing.status == 404)
            #expect(missing.header("X-Request-Id") == given)

            for unsafe in ["has space", "x\"y", String(repeating: "a", count: 129)] {
                let response = try await client.send("GET", "/healthz", headers: [("X-Request-Id", unsafe)])
                #expect(response.status == 200, "an unsafe id is replaced, not refused")
                let replacement = try #require(response.header("X-Request-Id"))
                #expect(replacement != unsafe)
                #expect(replacement.count == 32 && replacement.allSatisfy(\.isHexDigit))
            }
            let generated = try await client.get("/healthz")
            #expect(generated.header("X-Request-Id")?.count == 32)
        }
    }

    @Test("--log-format json writes one JSON line per request, and no content")
    func jsonRequestLog() async throws {
        let content = "it-secret-content-4711"
        let log = try await withArguments(["--log-level", "info", "--log-format", "json"]) { service in
            let created = try await service.client.send(
                "POST", "/rooms/\(Self.room)/messages",
                headers: [("Content-Type", "application/json"), ("X-Request-Id", "it-log-1")],
                body: Array(#"{"sender":"\#(Self.sender)","content":"\#(content)"}"#.utf8))
            #expect(created.status == 201)
        }

        let lines = log.split(separator: "\n").filter { !$0.isEmpty }
        let objects = lines.compactMap { line in
            (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any]
        }
        #expect(objects.count == lines.count, "every line is a JSON object:\n\(log)")
        for object in objects {
            #expect(object["timestamp"] is String && object["level"] is String && object["message"] is String)
        }
        let requests = objects.filter { ($0["metadata"] as? [String: String])?["request_id"] == "it-log-1" }
        try #require(requests.count == 1, "\(log)")
        let line = requests[0]
        #expect(line["level"] as? String == "info")
        #expect(line["message"] as? String == "request")
        let metadata = try #require(line["metadata"] as? [String: String])
        #expect(metadata["method"] == "POST")
        #expect(metadata["route"] == "/rooms/{room_id}/messages")
        #expect(metadata["status"] == "201")
        #expect(metadata["duration_ms"].flatMap(Double.init) != nil)
        #expect(!log.contains(content))
        #expect(!log.contains(Self.sender))
    }

    @Test("settings come from --env-file, and flags win over it")
    func envFile() async throws {
        let path = temporaryDirectory("msgsvc-env") + "/settings.env"
        try "# test settings\nMSGSVC_MAX_LIVE_STREAMS=0\nMSGSVC_MAX_CONTENT_BYTES=5\n".write(
            toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        _ = try await withArguments(["--env-file", path, "--max-content-bytes", "100"]) { service in
            // From the file: no live stream may open.
            #expect(try await service.client.get("/rooms/lobby/live").status == 503)
            // The flag's 100 bytes, not the file's 5.
            let post = try await service.client.postJSON("/rooms/lobby/messages", ["sender": "a", "content": "ten chars!"])
            #expect(post.status == 201)
        }
    }

    @Test("msgsvc engine --metrics-port serves the engine's own metrics")
    func standaloneEngineMetrics() async throws {
        let directory = temporaryDirectory("msgsvc-engine-metrics")
        let port = freePort()
        let metricsPort = freePort()
        let engine = try ChildProcess(
            arguments: ["engine", "--data-dir", directory, "--port", "\(port)", "--metrics-port", "\(metricsPort)",
                        "--log-level", "warning"],
            logPath: directory + ".log")
        defer {
            try? FileManager.default.removeItem(atPath: directory)
            try? FileManager.default.removeItem(atPath: directory + ".log")
        }
        do {
            let deadline = ContinuousClock.now + .seconds(60)
            while (try? HTTPConnection(port: metricsPort)) == nil || (try? HTTPConnection(port: port)) == nil {
                guard ContinuousClock.now < deadline, engine.isRunning else { throw ServiceProcessError.didNotStart(engine.log) }
                try await Task.sleep(for: .milliseconds(25))
            }
            let mongo = try MongoClient(settings: MongoClientSettings(
                uri: MongoURI("mongodb://127.0.0.1:\(port)/?serverSelectionTimeoutMS=60000")))
            _ = try await mongo.insert(["n": .int32(1)], into: Namespace(database: "it", collection: "metrics"))
            await mongo.close()

            let scrape = try await HTTPClient(port: metricsPort).get("/metrics")
            #expect(scrape.status == 200)
            #expect(value(scrape.text, "msgsvc_engine_commands_total", ["command": "insert"]) == 1)
            #expect((value(scrape.text, "msgsvc_engine_commit_batch_size_count") ?? 0) >= 1)
            // Nothing but /metrics there, answered in the API's error shape.
            let other = try await HTTPClient(port: metricsPort).get("/rooms/lobby/messages")
            #expect(other.status == 404)
            #expect(other.errorCode == "not_found")
        } catch {
            print("engine log:\n\(engine.log)")
            await engine.stop()
            throw error
        }
        await engine.stop()
    }
}
