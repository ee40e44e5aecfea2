import Foundation
import FuzzSupport

/// The process-wide session the fuzz test function uses. libFuzzer calls that function on one thread, one
/// input at a time, which is what makes the unsynchronised global safe.
enum FuzzCommands {
    nonisolated(unsafe) private static var session: CommandSession?

    static func start() throws {
        let engine = try EngineUnderTest()
        session = try CommandSession(engine: engine)
        // libFuzzer ends a run with exit(); the data directory goes with it.
        atexit { FuzzCommands.cleanUp() }
    }

    static func run(_ input: CommandInput) {
        session?.run(input)
    }

    private static func cleanUp() {
        session?.engine.removeDirectory()
    }
}
