import Dispatch
import DocEngine
import Foundation
import Logging

/// An EmbeddedEngine serving a fresh data directory on a Unix socket only, started once per fuzzing process.
/// The directory lives under $TMPDIR (scripts/fuzz points that at a scratch directory it removes).
final class EngineUnderTest {
    let directory: String
    let socketPath: String
    private let engine: EmbeddedEngine

    init() throws {
        let base = ProcessInfo.processInfo.environment["TMPDIR"] ?? "/tmp"
        var template = Array("\(base)/msgsvc-fuzz-engine.XXXXXX".utf8CString)
        guard let made = mkdtemp(&template) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: base])
        }
        directory = String(cString: made)
        socketPath = "\(directory)/engine.sock"
        var logger = Logger(label: "fuzz.engine")
        // Replies carry every error the fuzzer cares about; logs at this rate would only slow it down.
        logger.logLevel = .critical
        engine = try EmbeddedEngine(
            configuration: .init(dataDirectory: "\(directory)/data", port: nil, unixSocketPath: socketPath,
                                 cursorIdleTimeout: .seconds(30)),
            logger: logger)
        let engine = self.engine
        _ = try waitFor { try await engine.start() }
    }

    /// Removes the data directory; the engine is left running, as the process is about to exit.
    func removeDirectory() {
        try? FileManager.default.removeItem(atPath: directory)
    }
}

/// Runs async work to completion from synchronous code (the fuzzer's main thread), which is free to block:
/// the work runs on the concurrency pool.
private func waitFor<T: Sendable>(_ work: @escaping @Sendable () async throws -> T) throws -> T {
    let outcome = Outcome<T>()
    let done = DispatchSemaphore(value: 0)
    Task {
        do { outcome.result = .success(try await work()) } catch { outcome.result = .failure(error) }
        done.signal()
    }
    done.wait()
    return try outcome.result!.get()
}

/// The result of `waitFor`'s task: written once before the semaphore is signalled, read only after waiting
/// on it, which is what makes the unchecked Sendable sound.
private final class Outcome<T>: @unchecked Sendable {
    var result: Result<T, any Error>?
}
