import Foundation
import Testing
@testable import msgsvc

/// Where each setting comes from: the flag, else the environment, else the `.env` file, else the default.
@Suite struct ServeSettingsTests {
    /// Always with a file of its own, so that no `.env` where the tests run takes part.
    private func settings(_ arguments: [String], environment: [String: String], file: String) throws -> ServeSettings {
        let command = try ServeCommand.parse(arguments)
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("serve-\(UUID()).env")
        try file.write(to: url, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: url) }
        return try ServeSettings(command: command, environment: try DotEnv.environment(file: url.path, over: environment))
    }

    @Test func flagsWinOverTheEnvironmentWhichWinsOverTheFile() throws {
        let file = """
            MSGSVC_PORT=9001
            MSGSVC_HOST=10.0.0.1
            MSGSVC_LOG_LEVEL=debug
            MSGSVC_LOG_FORMAT=json
            MSGSVC_MAX_LIVE_STREAMS=5
            """
        let resolved = try settings(
            ["--port", "9003", "--log-format", "text"],
            environment: ["MSGSVC_PORT": "9002", "MSGSVC_HOST": "127.0.0.2", "MSGSVC_LOG_LEVEL": ""], file: file)
        #expect(resolved.port == 9003)
        #expect(resolved.logFormat == .text)
        #expect(resolved.host == "127.0.0.2")
        // Empty in the environment counts as unset: the file's value applies.
        #expect(resolved.logLevel == .debug)
        #expect(resolved.maxLiveStreams == 5)
        #expect(resolved.maxContentBytes == 16384, "the default, where nobody sets it")
    }

    @Test func aBadValueInTheFileIsReportedAsThatSetting() throws {
        #expect(throws: (any Error).self) {
            try settings([], environment: [:], file: "MSGSVC_LOG_FORMAT=xml")
        }
        #expect(throws: (any Error).self) {
            try settings([], environment: [:], file: "MSGSVC_PORT=eighty")
        }
    }

    @Test func logFormatDefaultsToText() throws {
        #expect(try settings([], environment: [:], file: "").logFormat == .text)
        #expect(try settings([], environment: ["MSGSVC_LOG_FORMAT": "json"], file: "").logFormat == .json)
    }
}
