import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import MessageService

/// `GET /rooms/{room_id}/live` over a real socket.
@Suite struct LiveTests {
    private func liveApp(_ live: LiveSettings = LiveSettings(pollInterval: .milliseconds(20))) -> some ApplicationProtocol {
        var configuration = ServiceConfiguration(port: 0, live: live)
        // The test client opens its keep-alive connection first; on a loaded machine the first request can
        // come more than the usual 10 s later, and the server would close the connection as idle.
        configuration.requestHeadTimeoutSeconds = 300
        return makeApp(configuration: configuration)
    }

    private func changeIDs(_ stream: SSEClient, count: Int) async throws -> [String] {
        var ids: [String] = []
        for _ in 0..<count {
            let event = try #require(try await stream.next())
            #expect(event.event == "message")
            let object = try #require(try JSONSerialization.jsonObject(with: Data(event.data.utf8)) as? [String: Any])
            #expect(object["change"] as? Int == Int(event.id ?? ""), "the event id is the message's change")
            ids.append(event.id ?? "")
        }
        return ids
    }

    @Test func replaysAfterTheGivenChangeThenStreamsNewOnes() async throws {
        try await liveApp().test(.live) { client in
            let port = try #require(client.port)
            for index in 0..<3 { try await client.postMessage(content: "\(index)") }
            let stream = try await SSEClient(port: port, path: "/rooms/lobby/live?after=1")
            #expect(stream.status == 200)
            #expect(stream.headers["content-type"] == "text/event-stream; charset=utf-8")
            #expect(try await changeIDs(stream, count: 2) == ["2", "3"])
            #expect(stream.retry == "2000")

            let id = try #require(try await client.postMessage(content: "new")["id"] as? String)
            #expect(try await changeIDs(stream, count: 1) == ["4"])
            try await client.editMessage(id: id, content: "edited")
            #expect(try await changeIDs(stream, count: 1) == ["5"])
            #expect(try await client.delete("/rooms/lobby/messages/\(id)").status == .ok)
            #expect(try await changeIDs(stream, count: 1) == ["6"])
            stream.disconnect()
        }
    }

    @Test func carriesTheLatestStateOfEachMessage() async throws {
        try await liveApp().test(.live) { client in
            let port = try #require(client.port)
            let id = try #require(try await client.postMessage(content: "first")["id"] as? String)
            try await client.editMessage(id: id, content: "second")
            let stream = try await SSEClient(port: port, path: "/rooms/lobby/live?after=0")
            let event = try #require(try await stream.next())
            #expect(event.id == "2")
            #expect(event.data.contains(#""content":"second""#))
            stream.disconnect()
        }
    }

    @Test func lastEventIDWinsOverAfter() async throws {
        try await liveApp().test(.live) { client in
            let port = try #require(client.port)
            for index in 0..<4 { try await client.postMessage(content: "\(index)") }
            let stream = try await SSEClient(port: port, path: "/rooms/lobby/live?after=0", headers: [("Last-Event-ID", "3")])
            #expect(try await changeIDs(stream, count: 1) == ["4"])
            stream.disconnect()
        }
    }

    @Test func withoutAStartItBeginsAtTheRoomsLatestChange() async throws {
        try await liveApp().test(.live) { client in
            let port = try #require(client.port)
            for index in 0..<2 { try await client.postMessage(content: "\(index)") }
            let stream = try await SSEClient(port: port, path: "/rooms/lobby/live")
            try await client.postMessage(content: "after subscribing")
            #expect(try await changeIDs(stream, count: 1) == ["3"])
            stream.disconnect()
        }
    }

    @Test func sendsHeartbeatsWhileTheRoomIsQuiet() async throws {
        try await liveApp(LiveSettings(heartbeat: .milliseconds(50), pollInterval: .milliseconds(20))).test(.live) { client in
            let port = try #require(client.port)
            let stream = try await SSEClient(port: port, path: "/rooms/quiet/live")
            try await client.postMessage(room: "quiet")
            #expect(try await changeIDs(stream, count: 1) == ["1"])
            let heartbeat = try #require(try await stream.next(includingComments: true))
            #expect(heartbeat.comment == " keep-alive")
            stream.disconnect()
        }
    }

    @Test(arguments: [
        ("/rooms/lobby/live?after=-1", [] as [(String, String)]),
        ("/rooms/lobby/live?after=x", []),
        ("/rooms/lobby/live?since=1", []),
        ("/rooms/lobby/live", [("Last-Event-ID", "abc")]),
        ("/rooms/lobby/live", [("Last-Event-ID", "")]),
        ("/rooms/lobby/live", [("Last-Event-ID", "1"), ("Last-Event-ID", "2")]),
        ("/rooms/a%20b/live", []),
    ])
    func refusesBadStartingPoints(_ path: String, _ headers: [(String, String)]) async throws {
        try await liveApp().test(.live) { client in
            let stream = try await SSEClient(port: try #require(client.port), path: path, headers: headers)
            #expect(stream.status == 400)
            #expect(stream.headers["content-type"] == "application/json; charset=utf-8")
            #expect(stream.errorBody.contains(#""code":"invalid_argument""#))
        }
    }

    @Test func refusesStreamsBeyondTheLimit() async throws {
        let live = LiveSettings(maxStreams: 1, heartbeat: .milliseconds(50), pollInterval: .milliseconds(20))
        try await liveApp(live).test(.live) { client in
            let port = try #require(client.port)
            let first = try await SSEClient(port: port, path: "/rooms/lobby/live")
            #expect(first.status == 200)
            let second = try await SSEClient(port: port, path: "/rooms/other/live")
            #expect(second.status == 503)
            #expect(second.headers["retry-after"] != nil)
            #expect(second.errorBody.contains(#""code":"unavailable""#))
            // Once the first client goes, its place is free again (noticed at its next heartbeat at the latest).
            first.disconnect()
            var third = try await SSEClient(port: port, path: "/rooms/other/live")
            while third.status == 503 {
                try await Task.sleep(for: .milliseconds(50))
                third = try await SSEClient(port: port, path: "/rooms/other/live")
            }
            #expect(third.status == 200)
            third.disconnect()
        }
    }

    /// A client that stops reading is dropped once it falls more than `maxQueuedChanges` behind, instead
    /// of being buffered without limit; other streams go on, and the dropped client can resume.
    @Test func dropsAStreamWhoseClientStopsReading() async throws {
        let live = LiveSettings(pollInterval: .milliseconds(20), maxQueuedChanges: 20)
        try await liveApp(live).test(.live) { client in
            let port = try #require(client.port)
            let stalled = try await SSEClient(port: port, path: "/rooms/big/live?after=0", receiveBuffer: 4096)
            let reader = try await SSEClient(port: port, path: "/rooms/big/live?after=0")
            // Far more than the socket buffers hold, so the stalled stream's writes block and it falls behind.
            let total = 800
            let reading = Task {
                var ids: [String] = []
                while ids.count < total, let event = try await reader.next() { ids.append(event.id ?? "") }
                return ids
            }
            let content = String(repeating: "x", count: 16000)
            for index in 0..<total { try await client.postMessage(room: "big", content: content + "\(index)") }
            #expect(try await reading.value == (1...total).map(String.init), "the reading client got everything, in order")

            var stalledIDs: [String] = []
            while let event = try await stalled.next() { stalledIDs.append(event.id ?? "") }
            #expect(stalledIDs.count < total, "the stalled stream was closed before it had everything")
            #expect(stalledIDs == (1...stalledIDs.count).map(String.init), "what it got has no gap")
            let resumed = try await SSEClient(port: port, path: "/rooms/big/live", headers: [("Last-Event-ID", stalledIDs.last ?? "0")])
            let next = try #require(try await resumed.next())
            #expect(next.id == String(stalledIDs.count + 1))
            resumed.disconnect()
            reader.disconnect()
        }
    }

    @Test func shutdownEndsOpenStreamsCleanly() async throws {
        let stream = try await liveApp().test(.live) { client in
            let stream = try await SSEClient(port: try #require(client.port), path: "/rooms/lobby/live")
            try await client.postMessage()
            _ = try await stream.next()
            return stream
        }
        // The application has shut down gracefully with the stream open: the stream ended with its last chunk.
        let ended = try await stream.next()
        #expect(ended == nil)
        #expect(stream.endedCleanly)
    }
}
