import ArgumentParser
import DocEngine
import NIOCore
import NIOPosix

/// `msgsvc verify`: checks a store (SQLite's integrity, the catalog, every index against its documents).
struct VerifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check an embedded-engine store: SQLite integrity, the catalog, and every index against its documents.",
        discussion: "Reads one snapshot without taking the data directory's lock, so it checks a stopped store or one msgsvc is serving. Prints each problem on stdout. Exit code 0 when healthy, 1 when problems were found, 2 when the store could not be checked.")

    @Option(name: .long, help: "Data directory whose store to check.")
    var dataDir: String?

    @Option(name: .long, help: "A store file to check instead (a backup).")
    var file: String?

    @Flag(name: .long, help: "Run SQLite's quick_check instead of the full integrity_check.")
    var quick = false

    func validate() throws {
        guard (dataDir == nil) != (file == nil) else { throw ValidationError("give exactly one of --data-dir and --file") }
    }

    func run() async throws {
        let verifier = StoreVerifier(quick: quick)
        let (dataDir, file) = (dataDir, file)
        let report: VerificationReport
        do {
            report = try await NIOThreadPool.singleton.runIfActive {
                if let file { return try verifier.verify(file: file) }
                return try verifier.verify(dataDirectory: dataDir ?? "")
            }
        } catch {
            await StandardError.write("verify: \(error)")
            throw ExitCode(2)
        }
        // Written off the event loop: a full pipe on standard output must not stall it.
        var listing = report.problems.map { "\($0)\n" }.joined()
        if report.unlistedProblems > 0 { listing += "… and \(report.unlistedProblems) more problems\n" }
        if !listing.isEmpty { try await FileDescriptorIO.write(ByteBuffer(string: listing), to: STDOUT_FILENO) }
        let documents = report.collections.reduce(0) { $0 + $1.documents }
        let checked = "\(report.collections.count) collections, \(documents) documents"
        guard report.isHealthy else {
            await StandardError.write("verify: \(report.problems.count + report.unlistedProblems) problems in \(checked)")
            throw ExitCode(1)
        }
        await StandardError.write("verify: ok (\(checked))")
    }
}
