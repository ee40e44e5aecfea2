import Foundation
import Testing

/// Export and import over real HTTP and from the command line, between real stores.
@Suite("Room export and import against the running binary")
struct RoomTransferTests {
    /// Posts a room with every kind of message: plain, with client_id, edited, deleted.
    private func fillRoom(_ client: HTTPClient, room: String = "lobby") async throws {
        var ids: [String] = []
        for i in 0..<6 {
            let response = try await client.postJSON("/rooms/\(room)/messages", ["sender": "s\(i % 2)", "content": "m\(i) ✓", "client_id": "c\(i)"])
            #expect(response.status == 201)
            ids.append(response.object["id"] as! String)
        }
        let edit = try await client.send("PATCH", "/rooms/\(room)/messages/\(ids[1])", headers: [("Content-Type", "application/json")],
                                         body: Array(#"{"content":"edited"}"#.utf8))
        #expect(edit.status == 200)
        #expect(try await client.send("DELETE", "/rooms/\(room)/messages/\(ids[2])").status == 200)
    }

    private func export(_ client: HTTPClient, room: String = "lobby") async throws -> (raw: [UInt8], lines: [[String: Any]]) {
        let response = try await client.get("/rooms/\(room)/export")
        #expect(response.status == 200, "\(response.text)")
        #expect(response.header("Content-Type") == "application/x-ndjson")
        return (response.body, try Self.lines(response.body))
    }

    static func lines(_ body: [UInt8]) throws -> [[String: Any]] {
        try String(decoding: body, as: UTF8.self).split(separator: "\n").map {
            try #require(JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
    }

    private func importBody(_ client: HTTPClient, _ body: [UInt8], room: String = "lobby") async throws -> [String: Any] {
        let response = try await client.send("POST", "/rooms/\(room)/import", headers: [("Content-Type", "application/x-ndjson")], body: body)
        #expect(response.status == 200, "\(response.text)")
        return response.object
    }

    /// The room as an export shows it, without the numbers an import gives anew and the room's name (a
    /// room can be imported under another).
    static func comparable(_ lines: [[String: Any]]) -> [NSDictionary] {
        lines.map { line in
            var line = line
            line["seq"] = nil
            line["change"] = nil
            line["room_id"] = nil
            return line as NSDictionary
        }
    }

    /// From msgsvc on the embedded engine into msgsvc on each other backend (a standalone `msgsvc engine`,
    /// and MONGO_URI's deployment when given): same ids, contents, timestamps, order and tombstones.
    @Test(arguments: Backend.available.filter { $0 != .embedded })
    func exportFromOneStoreImportsIntoAnother(target: Backend) async throws {
        let source = try await ServiceProcess.start(.embedded)
        defer { source.cleanUp() }
        try await fillRoom(source.client)
        let exported = try await export(source.client)
        await source.stop()
        #expect(exported.lines.count == 6)

        try await withService(target) { service in
            let report = try await importBody(service.client, exported.raw)
            #expect(report["imported"] as? Int == 6)
            #expect((report["failed"] as? [Any])?.isEmpty == true)
            let copy = try await export(service.client)
            #expect(Self.comparable(copy.lines) == Self.comparable(exported.lines))
            #expect(copy.lines.map { $0["seq"] as? Int } == Array(1...6))

            let again = try await importBody(service.client, exported.raw)
            #expect(again["imported"] as? Int == 0)
            #expect(again["existing"] as? Int == 6)
            #expect(try await export(service.client).raw == copy.raw)
        }
    }

    /// An export large enough to span many pages arrives as a stream (chunked, no Content-Length), whole and in order.
    @Test(arguments: Backend.available)
    func aLargeExportIsStreamedWhole(backend: Backend) async throws {
        try await withService(backend) { service in
            let count = 3_000
            let body = (0..<count).map { #"{"sender":"bulk","content":"message \#($0)","client_id":"k\#($0)"}"# + "\n" }.joined()
            let report = try await importBody(service.client, Array(body.utf8), room: "big")
            #expect(report["imported"] as? Int == count)
            let response = try await service.client.get("/rooms/big/export")
            #expect(response.header("Transfer-Encoding")?.lowercased() == "chunked")
            #expect(response.header("Content-Length") == nil)
            let lines = try Self.lines(response.body)
            #expect(lines.map { $0["seq"] as? Int } == Array(1...count))
            #expect(lines.map { $0["content"] as? String } == (0..<count).map { "message \($0)" })
        }
    }

    /// A bad line is reported by number over real HTTP; a body over the limit is 413, one not labelled
    /// NDJSON 415, a bad room 400.
    @Test(arguments: Backend.available)
    func badLinesAndOversizedBodies(backend: Backend) async throws {
        let service = try await ServiceProcess.start(backend, extraArguments: ["--max-import-bytes", "200"])
        do {
            let body = #"{"sender":"a","content":"ok"}"# + "\nnot json\n"
            let report = try await importBody(service.client, Array(body.utf8))
            #expect(report["imported"] as? Int == 1)
            #expect(((report["failed"] as? [[String: Any]])?.first?["line"]) as? Int == 2)
            let tooLarge = try await service.client.send("POST", "/rooms/lobby/import", headers: [("Content-Type", "application/x-ndjson")],
                                                         body: Array(String(repeating: "\n", count: 201).utf8))
            #expect(tooLarge.status == 413)
            #expect(tooLarge.errorCode == "payload_too_large")
            let unlabelled = try await service.client.post("/rooms/lobby/import", raw: body, contentType: "text/plain")
            #expect(unlabelled.status == 415)
            #expect(unlabelled.errorCode == "unsupported_media_type")
            let badRoom = try await service.client.get("/rooms/no%20spaces/export")
            #expect(badRoom.status == 400)
            #expect(badRoom.errorCode == "invalid_argument")
        } catch {
            await service.stop()
            service.cleanUp()
            throw error
        }
        await service.stop()
        service.cleanUp()
    }

    /// `msgsvc export` on a stopped data directory, `msgsvc import` into a standalone engine by URI, and
    /// into a data directory a running msgsvc holds (through it, so it serves the messages at once).
    @Test func theCommandLineExportsAndImports() async throws {
        let source = try await ServiceProcess.start(.embedded)
        defer { source.cleanUp() }
        try await fillRoom(source.client)
        let viaHTTP = try await export(source.client)
        await source.stop()

        let file = source.dataDirectory + ".export.ndjson"
        defer { try? FileManager.default.removeItem(atPath: file) }
        let exporter = try ChildProcess(arguments: ["export", "--env-file", "/dev/null", "--room", "lobby", "--data-dir", source.dataDirectory],
                                        logPath: source.dataDirectory + ".export.log", stdoutPath: file)
        #expect(await exporter.waitForExit(timeout: .seconds(120)) == 0, "\(exporter.log)")
        let exported = try [UInt8](Data(contentsOf: URL(fileURLWithPath: file)))
        #expect(exported == viaHTTP.raw)
        #expect(exporter.log.contains("6 messages"), "\(exporter.log)")

        // Into a standalone engine, by URI, twice.
        try await withService(.standaloneEngine) { target in
            for (imported, existing) in [(6, 0), (0, 6)] {
                let importer = try ChildProcess(arguments: ["import", "--env-file", "/dev/null", "--room", "copy", file, "--uri", target.uri!],
                                                logPath: target.dataDirectory + ".import.log", stdoutPath: target.dataDirectory + ".report")
                #expect(await importer.waitForExit(timeout: .seconds(120)) == 0, "\(importer.log)")
                let report = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: target.dataDirectory + ".report"))) as? [String: Any]
                #expect(report?["imported"] as? Int == imported)
                #expect(report?["existing"] as? Int == existing)
            }
            let copy = try await export(target.client, room: "copy").lines
            #expect(Self.comparable(copy) == Self.comparable(viaHTTP.lines))
            #expect(copy.allSatisfy { $0["room_id"] as? String == "copy" })
        }

        // Into the data directory of a running msgsvc: through its engine socket.
        try await withService(.embedded) { running in
            let importer = try ChildProcess(arguments: ["import", "--env-file", "/dev/null", "--room", "copy", file, "--data-dir", running.dataDirectory],
                                            logPath: running.dataDirectory + ".import.log", stdoutPath: "/dev/null")
            #expect(await importer.waitForExit(timeout: .seconds(120)) == 0, "\(importer.log)")
            #expect(importer.log.contains("through its engine socket"), "\(importer.log)")
            #expect(Self.comparable(try await export(running.client, room: "copy").lines) == Self.comparable(viaHTTP.lines))
        }
    }
    /// An import and posts through another msgsvc instance, at once, in one room of one engine: the two
    /// instances take the same numbers and the unique indexes make one of them retry. Every message ends
    /// up stored once, numbered without gaps, and (no edits) each with change == seq.
    @Test func anImportAndPostsOnAnotherInstanceShareTheRoomsNumbers() async throws {
        try await withService(.standaloneEngine) { first in
            let secondDirectory = temporaryDirectory("msgsvc-it-second")
            let port = freePort()
            let second = try ChildProcess(arguments: ["--port", "\(port)", "--data-dir", secondDirectory, "--uri", first.uri!,
                                                      "--log-level", "warning", "--env-file", "/dev/null"], logPath: secondDirectory + ".log")
            defer {
                try? FileManager.default.removeItem(atPath: secondDirectory)
                try? FileManager.default.removeItem(atPath: secondDirectory + ".log")
            }
            let secondClient = HTTPClient(port: port)
            for _ in 0..<600 {
                if let ready = try? await secondClient.get("/readyz"), ready.status == 200 { break }
                try await Task.sleep(for: .milliseconds(50))
            }

            let count = 3_000
            let posts = 300
            let body = (0..<count).map { #"{"sender":"import","content":"line \#($0)","client_id":"i\#($0)"}"# + "\n" }.joined()
            async let report = importBody(first.client, Array(body.utf8), room: "busy")
            for i in 0..<posts {
                let posted = try await secondClient.postJSON("/rooms/busy/messages", ["sender": "poster", "content": "post \(i)"])
                #expect(posted.status == 201, "\(posted.text)")
            }
            #expect(try await report["imported"] as? Int == count)
            await second.stop()

            let lines = try await export(first.client, room: "busy").lines
            #expect(lines.count == count + posts)
            #expect(lines.map { $0["seq"] as? Int } == Array(1...(count + posts)))
            #expect(lines.allSatisfy { ($0["change"] as? Int) == ($0["seq"] as? Int) })
            #expect(Set(lines.compactMap { $0["client_id"] as? String }).count == count)
            let again = try await importBody(first.client, Array(body.utf8), room: "busy")
            #expect(again["existing"] as? Int == count)
        }
    }
    /// The import command reports a bad line and exits 1; a data directory held by a process with no
    /// engine socket to go through (`msgsvc engine` on TCP) is refused, naming that process.
    @Test func theImportCommandReportsFailuresAndRefusesAForeignLock() async throws {
        let directory = temporaryDirectory("msgsvc-it-cli")
        defer {
            try? FileManager.default.removeItem(atPath: directory)
            try? FileManager.default.removeItem(atPath: directory + ".log")
        }
        let file = directory + "/lines.ndjson"
        try Data((#"{"sender":"a","content":"fine"}"# + "\n{oops}\n").utf8).write(to: URL(fileURLWithPath: file))
        let data = directory + "/data"
        let importer = try ChildProcess(arguments: ["import", "--env-file", "/dev/null", "--room", "r", file, "--data-dir", data],
                                        logPath: directory + ".log", stdoutPath: directory + "/report.json")
        #expect(await importer.waitForExit(timeout: .seconds(120)) == 1, "\(importer.log)")
        let report = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: directory + "/report.json"))) as? [String: Any]
        #expect(report?["imported"] as? Int == 1)
        #expect((report?["failed"] as? [[String: Any]])?.map { $0["line"] as? Int } == [2])
        #expect(importer.log.contains("1 imported, 0 existing, 1 failed"), "\(importer.log)")

        let engine = try ChildProcess(arguments: ["engine", "--data-dir", data, "--port", "\(freePort())"],
                                      logPath: directory + "/engine.log")
        defer { Task { await engine.stop() } }
        for _ in 0..<600 where !((try? String(contentsOfFile: directory + "/engine.log", encoding: .utf8))?.contains("listening") ?? false) {
            try await Task.sleep(for: .milliseconds(50))
        }
        let refused = try ChildProcess(arguments: ["import", "--env-file", "/dev/null", "--room", "r", file, "--data-dir", data],
                                       logPath: directory + "/refused.log", stdoutPath: "/dev/null")
        #expect(await refused.waitForExit(timeout: .seconds(120)) != 0)
        #expect(refused.log.contains("in use by process \(engine.pid)"), "\(refused.log)")
        await engine.stop()
    }
}
