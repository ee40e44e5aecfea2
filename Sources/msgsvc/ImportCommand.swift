import ArgumentParser
import Foundation
import Logging
import MessageService
import NIOCore

/// `msgsvc import --room R room.ndjson`: what `POST /rooms/{room_id}/import` does, from the command line.
/// The report goes to standard output as the route's JSON; the exit status is 1 when any line failed.
struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import NDJSON messages (lines of an export, or {sender, content, timestamp?, client_id?}) into a room.",
        discussion: """
            Importing the same file again stores nothing twice. Works against a stopped data directory, a data \
            directory a running msgsvc holds (through its engine socket), or --uri. Progress goes to standard \
            error: a bar on a terminal, a line every 5 s otherwise.
            """)

    @Option(name: .long, help: "The room to import into.")
    var room: String

    @Argument(help: "The NDJSON file; - reads standard input.")
    var file: String

    @Option(name: .long, help: "Largest message content in UTF-8 bytes (env MSGSVC_MAX_CONTENT_BYTES, default 16384).")
    var maxContentBytes: Int?

    @OptionGroup var storeOptions: StoreOptions

    func run() async throws {
        let settings = try ImportSettings(command: self, environment: try await storeOptions.envFile.environment())
        let source = try await ImportSource.open(file)
        defer { source.close() }

        var logger = Logger(label: "msgsvc.import")
        logger.logLevel = settings.logLevel
        let connection = try await StoreConnection.open(settings.target, logger: logger)
        let report: ImportReport
        do {
            try await connection.prepare()
            let importer = try RoomImport(store: connection.store, roomID: room, maxContentBytes: settings.maxContentBytes)
            let meter = ProgressMeter(label: "import \(room)", unit: "lines")
            report = try await importer.run(FileDescriptorIO.Chunks(descriptor: source.descriptor)) { report, bytes in
                await meter.update(done: report.linesDone, fraction: source.totalBytes.map { $0 > 0 ? Double(bytes) / Double($0) : 1 })
            }
            let failed = report.linesDone - report.imported - report.existing
            await meter.finish(done: report.linesDone, summary: "\(report.imported) imported, \(report.existing) existing, "
                         + "\(failed) failed into \(connection.description)")
        } catch {
            await connection.close()
            throw error
        }
        await connection.close()
        // Off the event loop, as the export writes its lines: a full pipe on standard output blocks a write.
        try await FileDescriptorIO.write(ByteBuffer(string: report.jsonText + "\n"), to: STDOUT_FILENO)
        if report.linesDone > report.imported + report.existing { throw ExitCode(1) }
    }
}
