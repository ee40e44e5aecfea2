import ArgumentParser
import NIOCore
import NIOPosix

@main
struct Msgsvc: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "msgsvc",
        abstract: "A chat-message history service on MongoDB or its own embedded document engine.",
        subcommands: [
            ServeCommand.self, EngineCommand.self, ExportCommand.self, ImportCommand.self,
            BackupCommand.self, VerifyCommand.self, RestoreCommand.self,
        ],
        defaultSubcommand: ServeCommand.self)

    /// Runs Swift concurrency's jobs on NIO's event loops before anything else starts. Request handlers,
    /// the engine's connection tasks and NIO's I/O then share the same two threads, so an await that
    /// resumes after socket I/O needs no wake-up of a separate cooperative-pool thread: each such hop cost
    /// a futex wake and a context switch per request (see README, Performance). Nothing in msgsvc blocks
    /// in async code: SQLite and libmongoc calls run on their own thread pools.
    static func main() async {
        StandardDescriptors.ensureOpen()
        NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            exit(withError: error)
        }
    }
}
