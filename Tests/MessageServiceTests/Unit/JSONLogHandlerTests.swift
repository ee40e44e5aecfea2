import Foundation
import Logging
import NIOCore
import Testing
@testable import MessageService

@Suite struct JSONLogHandlerTests {
    private func object(_ line: ByteBuffer) throws -> [String: Any] {
        let text = String(buffer: line)
        #expect(text.hasSuffix("\n"))
        #expect(text.dropLast().firstIndex(of: "\n") == nil, "one event, one line")
        return try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func writesOneObjectWithTimestampLevelMessageAndMetadata() throws {
        let line = JSONLogHandler.line(
            milliseconds: 1_796_075_100_123, level: .info, label: "msgsvc", message: "request",
            metadata: ["route": "/rooms/{room_id}/messages", "status": .stringConvertible(201)], error: nil)
        let object = try object(line)
        #expect(object["timestamp"] as? String == "2026-11-30T21:45:00.123Z")
        #expect(object["level"] as? String == "info")
        #expect(object["label"] as? String == "msgsvc")
        #expect(object["message"] as? String == "request")
        let metadata = try #require(object["metadata"] as? [String: Any])
        #expect(metadata["route"] as? String == "/rooms/{room_id}/messages")
        #expect(metadata["status"] as? String == "201")
        #expect(object["error"] == nil)
    }

    @Test func escapesWhatCouldBreakTheLineOrForgeAField() throws {
        let hostile = "a\"b\\c\nd\u{1}\",\"level\":\"critical"
        let line = JSONLogHandler.line(
            milliseconds: 0, level: .warning, label: "l", message: hostile,
            metadata: [hostile: .string(hostile)], error: nil)
        let object = try object(line)
        #expect(object["level"] as? String == "warning")
        #expect(object["message"] as? String == hostile)
        #expect((object["metadata"] as? [String: Any])?[hostile] as? String == hostile)
    }

    @Test func keepsNestedMetadataAndTheEventsError() throws {
        struct Failure: Error, CustomStringConvertible { var description: String { "disk full" } }
        let line = JSONLogHandler.line(
            milliseconds: 0, level: .error, label: "l", message: "m",
            metadata: ["list": ["a", "b"], "object": ["k": "v"]], error: Failure())
        let object = try object(line)
        let metadata = try #require(object["metadata"] as? [String: Any])
        #expect(metadata["list"] as? [String] == ["a", "b"])
        #expect(metadata["object"] as? [String: String] == ["k": "v"])
        #expect(object["error"] as? String == "disk full")
    }
}
