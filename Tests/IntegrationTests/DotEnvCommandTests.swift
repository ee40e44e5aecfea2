import Foundation
import Testing

/// `msgsvc import` and `export` read `./.env` as `serve` does: a deployment that names its data directory
/// only there finds the same store with every command, and the environment still wins over the file.
@Suite("Import and export read .env as serve does")
struct DotEnvCommandTests {
    @Test func theDataDirectoryOfDotEnvIsUsedUnlessTheEnvironmentNamesAnother() async throws {
        let scratch = temporaryDirectory("msgsvc-dotenv")
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let (fromFile, fromEnvironment, elsewhere) = (scratch + "/from-file", scratch + "/from-environment", scratch + "/elsewhere")
        try FileManager.default.createDirectory(atPath: elsewhere, withIntermediateDirectories: true)
        try Data("MSGSVC_DATA_DIR=\(fromFile)\n".utf8).write(to: URL(fileURLWithPath: scratch + "/.env"))
        let lines = scratch + "/lines.ndjson"
        try Data((#"{"sender":"a","content":"one"}"# + "\n" + #"{"sender":"b","content":"two"}"# + "\n").utf8)
            .write(to: URL(fileURLWithPath: lines))

        // Only the .env file names a data directory: the import stores there, and the export finds it there.
        let imported = try await Self.run(["import", "--room", "r", lines], in: scratch)
        #expect(imported.status == 0, "\(imported.log)")
        #expect(try Self.report(imported.output)?["imported"] as? Int == 2, "\(imported.output)")
        #expect(FileManager.default.fileExists(atPath: fromFile))
        #expect(!FileManager.default.fileExists(atPath: scratch + "/msgsvc-data"))
        let exported = try await Self.run(["export", "--room", "r"], in: scratch)
        #expect(exported.status == 0, "\(exported.log)")
        #expect(try Self.contents(exported.output) == ["one", "two"])

        // --env-file names the file from any working directory.
        let named = try await Self.run(["export", "--room", "r", "--env-file", scratch + "/.env"], in: elsewhere)
        #expect(named.status == 0, "\(named.log)")
        #expect(try Self.contents(named.output) == ["one", "two"])

        // A data directory in the environment wins over the file's: the same lines are new there.
        let overridden = try await Self.run(["import", "--room", "r", lines], in: scratch,
                                            environment: ["MSGSVC_DATA_DIR": fromEnvironment])
        #expect(overridden.status == 0, "\(overridden.log)")
        #expect(try Self.report(overridden.output)?["imported"] as? Int == 2, "\(overridden.output)")
        #expect(FileManager.default.fileExists(atPath: fromEnvironment))
    }

    /// Runs the binary in `directory`; its exit status, standard output and standard error.
    private static func run(_ arguments: [String], in directory: String, environment: [String: String] = [:])
        async throws -> (status: Int32?, output: String, log: String)
    {
        let output = directory + "/command.out"
        let child = try ChildProcess(arguments: arguments, environment: environment, logPath: directory + "/command.log",
                                     stdoutPath: output, workingDirectory: directory)
        let status = await child.waitForExit(timeout: .seconds(120))
        return (status, (try? String(contentsOfFile: output, encoding: .utf8)) ?? "", child.log)
    }

    private static func report(_ output: String) throws -> [String: Any]? {
        try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any]
    }

    private static func contents(_ export: String) throws -> [String] {
        try export.split(separator: "\n").map {
            try #require((JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])?["content"] as? String)
        }
    }
}
