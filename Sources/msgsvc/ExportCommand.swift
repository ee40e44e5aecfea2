import ArgumentParser
import Foundation
import Logging
import MessageService

/// `msgsvc export --room R > room.ndjson`: what `GET /rooms/{room_id}/export` answers, from the command line.
struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write every message of a room (tombstones included) to standard output as NDJSON, in seq order.",
        discussion: """
            Works against a stopped data directory (the engine runs in this process), a data directory a \
            running msgsvc holds (through its engine socket), or any deployment given with --uri. Progress \
            goes to standard error: a bar on a terminal, a line every 5 s otherwise.
            """)

    @Option(name: .long, help: "The room to export.")
    var room: String

    @OptionGroup var storeOptions: StoreOptions

    func run() async throws {
        let (target, level) = try storeOptions.resolved(SettingsSource(environment: try await storeOptions.envFile.environment()))
        var logger = Logger(label: "msgsvc.export")
        logger.logLevel = level
        let connection = try await StoreConnection.open(target, logger: logger)
        do {
            // No prepare(): an export only reads, and must not need write access to the deployment.
            let export = try RoomExport(store: connection.store, roomID: room)
            let total = try await export.messageCount()
            let meter = ProgressMeter(label: "export \(room)", unit: "messages")
            var done = 0
            try await export.run(from: try await export.firstPage()) { lines, count in
                try await FileDescriptorIO.write(lines, to: STDOUT_FILENO)
                done += count
                await meter.update(done: done, fraction: total > 0 ? Double(done) / Double(total) : nil)
            }
            await meter.finish(done: done, summary: "\(done) messages from \(connection.description)")
        } catch {
            await connection.close()
            throw error
        }
        await connection.close()
    }
}
