import Foundation
import Testing

/// The commands report on standard error. Started without one (`2>&-`, a log pipe already gone), they
/// still do their work and exit with their usual status; writing there trapped and killed them (SIGILL).
@Suite("Commands with standard error closed")
struct ClosedStderrTests {
    @Test func importBackupRestoreAndVerifyExitAsUsual() async throws {
        let scratch = temporaryDirectory("msgsvc-no-stderr")
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let lines = scratch + "/lines.ndjson"
        try Data((#"{"sender":"a","content":"kept"}"# + "\n").utf8).write(to: URL(fileURLWithPath: lines))
        let (data, backup, restored) = (scratch + "/data", scratch + "/backup.sqlite", scratch + "/restored")

        func exitStatus(_ arguments: [String]) async throws -> Int32? {
            let child = try ChildProcess(arguments: arguments, logPath: scratch + "/stdout.log", closingStderr: true)
            return await child.waitForExit(timeout: .seconds(120))
        }
        #expect(try await exitStatus(["import", "--env-file", "/dev/null", "--room", "r", lines, "--data-dir", data]) == 0)
        #expect(try await exitStatus(["backup", "--data-dir", data, "--to", backup]) == 0)
        #expect(FileManager.default.fileExists(atPath: backup))
        #expect(try await exitStatus(["verify", "--file", backup]) == 0)
        #expect(try await exitStatus(["restore", "--from", backup, "--data-dir", restored]) == 0)
        #expect(try await exitStatus(["verify", "--data-dir", restored]) == 0)
        // A store that cannot be checked is still exit code 2, its message lost with standard error.
        #expect(try await exitStatus(["verify", "--file", scratch + "/missing.sqlite"]) == 2)
    }
}
