import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// `msgsvc backup`, `verify` and `restore` as an operator runs them, against msgsvc serving on the same
/// data directory.
@Suite("Backup, verify and restore")
struct BackupTests {
    static let rooms = ["backup-a", "backup-b", "backup-c"]

    /// Writers keep posting while `msgsvc backup` runs; the backup restored into a new directory and served
    /// by a second msgsvc holds every message acknowledged before the backup began, and verifies.
    @Test func aBackupUnderWriteLoadHoldsEveryMessageAcknowledgedBeforeItBegan() async throws {
        let service = try await ServiceProcess.start(.embedded)
        let scratch = temporaryDirectory("msgsvc-backup")
        let backupFile = scratch + "/store.sqlite"
        let restoredDirectory = scratch + "/restored"
        defer {
            service.cleanUp()
            try? FileManager.default.removeItem(atPath: scratch)
        }
        let client = service.client
        let acknowledged = TimedAcknowledgements()
        // The writers end whichever way the test does.
        defer { acknowledged.stop() }
        let writers = Task {
            await withTaskGroup(of: Void.self) { group in
                for worker in 0..<6 {
                    group.addTask {
                        var i = 0
                        while !acknowledged.stopped {
                            i += 1
                            let room = Self.rooms[(worker + i) % Self.rooms.count]
                            guard let response = try? await client.postJSON(
                                "/rooms/\(room)/messages", ["sender": "w\(worker)", "content": "m\(worker)-\(i)"]),
                                response.status == 201, let id = response.object["id"] as? String
                            else { continue }
                            acknowledged.record(id)
                        }
                    }
                }
            }
        }
        try await acknowledged.waitFor(300, while: service)

        let began = ContinuousClock.now
        let backup = try ChildProcess(arguments: ["backup", "--data-dir", service.dataDirectory, "--to", backupFile],
                                      logPath: scratch + "/backup.log")
        let backupExit = await backup.waitForExit(timeout: .seconds(300))
        let ended = ContinuousClock.now
        // Writes go on after the backup too: the copy must not depend on the writers pausing. verify reads
        // the live store meanwhile, from one snapshot, so documents and index entries agree.
        let atEnd = acknowledged.count
        let liveVerify = try ChildProcess(arguments: ["verify", "--data-dir", service.dataDirectory],
                                          logPath: scratch + "/live-verify.log")
        let liveVerifyExit = await liveVerify.waitForExit(timeout: .seconds(300))
        try await acknowledged.waitFor(atEnd + 100, while: service)
        acknowledged.stop()
        await writers.value
        await service.stop()
        #expect(backupExit == 0, "backup: \(backup.log)")
        #expect(backup.log.contains("msgsvc.messages"))
        #expect(liveVerifyExit == 0, "verify of the store being written: \(liveVerify.log)")

        let entries = acknowledged.entries
        let before = entries.filter { $0.at < began }
        let during = entries.filter { $0.at >= began && $0.at < ended }.count
        print("backup under load: \(before.count) acknowledged before, \(during) during, \(entries.count) in all")

        let restore = try ChildProcess(arguments: ["restore", "--from", backupFile, "--data-dir", restoredDirectory],
                                       logPath: scratch + "/restore.log")
        #expect(await restore.waitForExit(timeout: .seconds(300)) == 0, "restore: \(restore.log)")
        let verify = try ChildProcess(arguments: ["verify", "--data-dir", restoredDirectory], logPath: scratch + "/verify.log")
        #expect(await verify.waitForExit(timeout: .seconds(300)) == 0, "verify: \(verify.log)")

        let second = try await ServiceProcess.start(.embedded, dataDirectory: restoredDirectory)
        var stored: Set<String> = []
        for room in Self.rooms { stored.formUnion(try await walkBackward(second.client, room: room, limit: 100)) }
        await second.stop()
        let lost = before.filter { !stored.contains($0.id) }.map(\.id)
        #expect(lost.count == 0, "\(lost.count) of \(before.count) messages acknowledged before the backup are missing: \(lost.prefix(5))")
        // Nothing in the copy that was never acknowledged (every post the writers sent was answered).
        #expect(stored.isSubset(of: Set(entries.map(\.id))))
    }

    /// verify names the damaged index and exits 1; restore refuses an occupied directory and a damaged
    /// backup, with exit code 1 and the reason.
    @Test func verifyAndRestoreRefuseDamageWithTheirExitCodes() async throws {
        let service = try await ServiceProcess.start(.embedded)
        let scratch = temporaryDirectory("msgsvc-verify")
        defer {
            service.cleanUp()
            try? FileManager.default.removeItem(atPath: scratch)
        }
        for i in 0..<20 {
            let response = try await service.client.postJSON("/rooms/v/messages", ["sender": "s", "content": "m\(i)"])
            #expect(response.status == 201)
        }
        let healthy = try ChildProcess(arguments: ["verify", "--data-dir", service.dataDirectory], logPath: scratch + "/running.log")
        #expect(await healthy.waitForExit() == 0, "verify of the running store: \(healthy.log)")
        await service.stop()

        let store = StoreFileEditor(path: service.dataDirectory + "/engine.sqlite")
        let indexID = try #require(try store.integer("SELECT id FROM catalog_indexes WHERE name = 'room_id_1_seq_1'"))
        try store.execute("DELETE FROM i\(indexID) WHERE rid = (SELECT min(rid) FROM i\(indexID))")

        let damaged = try ChildProcess(arguments: ["verify", "--data-dir", service.dataDirectory], logPath: scratch + "/damaged.log")
        #expect(await damaged.waitForExit() == 1)
        #expect(damaged.log.contains("msgsvc.messages: index 'room_id_1_seq_1' lacks the entry"), "\(damaged.log)")

        let backupFile = scratch + "/damaged.sqlite"
        let backup = try ChildProcess(arguments: ["backup", "--data-dir", service.dataDirectory, "--to", backupFile],
                                      logPath: scratch + "/backup.log")
        #expect(await backup.waitForExit() == 0, "backup: \(backup.log)")

        let occupied = try ChildProcess(arguments: ["restore", "--from", backupFile, "--data-dir", service.dataDirectory],
                                        logPath: scratch + "/occupied.log")
        #expect(await occupied.waitForExit() == 1)
        #expect(occupied.log.contains("is not empty"), "\(occupied.log)")

        let target = scratch + "/new"
        let refused = try ChildProcess(arguments: ["restore", "--from", backupFile, "--data-dir", target],
                                       logPath: scratch + "/refused.log")
        #expect(await refused.waitForExit() == 1)
        #expect(refused.log.contains("not a healthy msgsvc store") && refused.log.contains("room_id_1_seq_1"), "\(refused.log)")
        #expect(!FileManager.default.fileExists(atPath: target))
    }
}

/// Every message id a writer saw acknowledged (201), with when the acknowledgement arrived.
final class TimedAcknowledgements: @unchecked Sendable {
    struct Entry {
        let id: String
        let at: ContinuousClock.Instant
    }

    private let lock = NSLock()
    private var recorded: [Entry] = []
    private var isStopped = false

    func record(_ id: String) {
        let at = ContinuousClock.now
        lock.withLock { recorded.append(Entry(id: id, at: at)) }
    }

    func stop() { lock.withLock { isStopped = true } }

    /// Waits until `count` posts were acknowledged; throws if msgsvc exits first.
    func waitFor(_ count: Int, while service: ServiceProcess) async throws {
        while self.count < count {
            guard service.service?.isRunning == true else { throw ServiceProcessError.didNotStart("msgsvc exited: \(service.service?.log ?? "")") }
            try await Task.sleep(for: .milliseconds(10))
        }
    }
    var stopped: Bool { lock.withLock { isStopped } }
    var count: Int { lock.withLock { recorded.count } }
    var entries: [Entry] { lock.withLock { recorded } }
}
