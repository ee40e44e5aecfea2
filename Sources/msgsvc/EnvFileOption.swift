import ArgumentParser
import Foundation
import NIOPosix

/// `--env-file`, for every command that reads the settings `serve` reads (MONGO_URI, MSGSVC_DATA_DIR, …):
/// a deployment that sets them only in `./.env` means the same store to serve, import and export.
struct EnvFileOption: ParsableArguments {
    @Option(name: .customLong("env-file"), help: "Read settings from this file (NAME=value lines); the environment and flags win over it (default: ./.env if present).")
    var path: String?

    /// The process's environment over the file's variables (`DotEnv.environment`). Read on NIO's
    /// blocking-I/O pool, never on the event loop the command runs on: the file may be a FIFO.
    func environment() async throws -> [String: String] {
        let (path, environment) = (path, ProcessInfo.processInfo.environment)
        return try await NIOThreadPool.singleton.runIfActive { try DotEnv.environment(file: path, over: environment) }
    }
}
