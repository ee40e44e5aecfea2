import ArgumentParser
import DocEngine

/// `msgsvc backup`: a consistent copy of an embedded-engine store, safe while msgsvc serves and writes.
struct BackupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Copy the embedded engine's store to one file, consistently, even while msgsvc runs and writes.",
        discussion: "The copy is the store as of one commit at the start of the backup. FILE must not exist; it appears only once complete and synced. Exit code 0 on success, 1 on failure.")

    @Option(name: .long, help: "Data directory of the store to copy.")
    var dataDir: String

    @Option(name: .customLong("to"), help: "File to write (must not exist).")
    var target: String

    func run() async throws {
        let (dataDir, target) = (dataDir, target)
        try await StandardError.summarize("backup: copied to \(target)") {
            try OnlineBackup.run(dataDirectory: dataDir, to: target)
        }
    }
}
