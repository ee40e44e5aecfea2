import ArgumentParser
import DocEngine

/// `msgsvc restore`: a backup becomes the store of a new data directory.
struct RestoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: "Install a backup file as the store of a new, empty data directory.",
        discussion: "Refuses a directory that is not empty and a file that is not a healthy msgsvc store (the checks of `msgsvc verify`). Afterwards `msgsvc --data-dir DIR` serves the restored messages. Exit code 0 on success, 1 on refusal or failure.")

    @Option(name: .long, help: "Backup file written by `msgsvc backup`.")
    var from: String

    @Option(name: .long, help: "Data directory to restore into (created if missing; must be empty).")
    var dataDir: String

    func run() async throws {
        let (from, dataDir) = (from, dataDir)
        try await StandardError.summarize("restore: installed \(from) in \(dataDir)") {
            try StoreRestore.run(from: from, dataDirectory: dataDir)
        }
    }
}
