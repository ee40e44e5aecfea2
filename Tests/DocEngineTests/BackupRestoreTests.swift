import BSON
@testable import DocEngine
import Foundation
import MongoPool
import Testing

/// `msgsvc backup` and `msgsvc restore` on the library level: a backup of a store that keeps being written
/// holds every write acknowledged before it began, restores into a directory the engine serves, and the
/// refusals leave the files they refuse untouched.
@Suite("Backup and restore")
struct BackupRestoreTests {
    @Test func aBackupTakenWhileWritingRestoresEveryEarlierWrite() async throws {
        let target = MaintenanceStore.temporaryPath("backup") + ".sqlite"
        let restored = MaintenanceStore.temporaryPath("restored")
        defer {
            try? FileManager.default.removeItem(atPath: target)
            try? FileManager.default.removeItem(atPath: restored)
        }
        let before = 200
        var copied = 0
        try await withEngine { engine in
            try await MaintenanceStore.fill(engine, count: before)
            // A writer keeps inserting, one document per group commit, across the backup.
            let writing = Task {
                var n = before
                while !Task.isCancelled {
                    try await MaintenanceStore.insert(engine, [MaintenanceStore.document(n)])
                    n += 1
                }
            }
            let summary = try OnlineBackup.run(dataDirectory: engine.directory, to: target)
            try await MaintenanceStore.insert(engine, [MaintenanceStore.document(1_000_000)])
            writing.cancel()
            _ = await writing.result
            copied = summary.documents
            #expect(summary.collections.map(\.namespace) == ["test.m"])
            #expect(summary.bytes > 0)
        }
        #expect(copied >= before)
        // It holds every message: readable by its owner only.
        let mode = try FileManager.default.attributesOfItem(atPath: target)[.posixPermissions] as? NSNumber
        #expect(mode?.intValue == 0o600)
        #expect(try StoreVerifier().verify(file: target).problems == [])

        let installed = try StoreRestore.run(from: target, dataDirectory: restored)
        #expect(installed.documents == copied)
        let engine = try await EngineHarness.start(directory: restored)
        let ids = try await engine.client.find(in: engine.namespace("m")).compactMap { $0["_id"]?.integerValue }
        let idSet = Set(ids)
        #expect(ids.count == copied)
        #expect((0..<Int64(before)).allSatisfy(idSet.contains))
        #expect(!idSet.contains(1_000_000))
        // The restored store is a working one: its indexes take new writes and answer queries.
        try await MaintenanceStore.insert(engine, [MaintenanceStore.document(2_000_000)])
        let text = try await engine.client.find(["$text": ["$search": "running"]], in: engine.namespace("m"))
        #expect(text.count == copied + 1)
        await engine.stop()
        #expect(try StoreVerifier().verify(dataDirectory: restored).problems == [])
    }

    @Test func aBackupNeverOverwritesAFile() async throws {
        let directory = try await MaintenanceStore.make(count: 3)
        let target = MaintenanceStore.temporaryPath("existing")
        defer {
            try? FileManager.default.removeItem(atPath: directory)
            try? FileManager.default.removeItem(atPath: target)
        }
        try Data("keep me".utf8).write(to: URL(fileURLWithPath: target))
        let error = #expect(throws: StoreMaintenanceError.self) {
            _ = try OnlineBackup.run(dataDirectory: directory, to: target)
        }
        guard case .targetExists(target)? = error else { Issue.record("\(String(describing: error))"); return }
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "keep me")
        #expect(try FileManager.default.contentsOfDirectory(atPath: (target as NSString).deletingLastPathComponent)
            .filter { $0.hasPrefix((target as NSString).lastPathComponent + ".partial") }.isEmpty)
    }

    @Test func aBackupOfADirectoryWithoutAStoreFails() throws {
        let target = MaintenanceStore.temporaryPath("nothing")
        let error = #expect(throws: StoreMaintenanceError.self) {
            _ = try OnlineBackup.run(dataDirectory: MaintenanceStore.temporaryPath("no-store"), to: target)
        }
        guard case .noStore? = error else { Issue.record("\(String(describing: error))"); return }
        #expect(!FileManager.default.fileExists(atPath: target))
    }

    @Test func restoreRefusesADirectoryThatIsNotEmpty() async throws {
        let backup = try await MaintenanceStore.makeBackup(count: 3)
        let occupied = MaintenanceStore.temporaryPath("occupied")
        defer {
            for path in [backup, occupied] { try? FileManager.default.removeItem(atPath: path) }
        }
        try FileManager.default.createDirectory(atPath: occupied, withIntermediateDirectories: true)
        try Data("notes".utf8).write(to: URL(fileURLWithPath: occupied + "/notes.txt"))
        let error = #expect(throws: StoreMaintenanceError.self) {
            _ = try StoreRestore.run(from: backup, dataDirectory: occupied)
        }
        guard case .directoryNotEmpty(occupied, ["notes.txt"])? = error else { Issue.record("\(String(describing: error))"); return }
        #expect(try FileManager.default.contentsOfDirectory(atPath: occupied) == ["notes.txt"])
    }

    @Test func restoreRefusesADamagedBackupAndLeavesNoDirectory() async throws {
        let backup = try await MaintenanceStore.makeBackup(count: 10)
        let target = MaintenanceStore.temporaryPath("target")
        defer {
            for path in [backup, target] { try? FileManager.default.removeItem(atPath: path) }
        }
        try MaintenanceStore.damage(file: backup) { connection, collection in
            try connection.execute("DELETE FROM \(collection.table(of: "tags_1"))")
        }
        let error = #expect(throws: StoreMaintenanceError.self) {
            _ = try StoreRestore.run(from: backup, dataDirectory: target)
        }
        guard case .notAHealthyStore(_, let report)? = error else { Issue.record("\(String(describing: error))"); return }
        #expect(!report.problems.isEmpty)
        #expect(report.problems.allSatisfy { problem in
            if case .missingEntry("test.m", "tags_1", _, _, _) = problem { return true }
            return false
        })
        #expect(!FileManager.default.fileExists(atPath: target))
    }

    @Test func restoreRefusesAFileThatIsNotAStore() throws {
        let file = MaintenanceStore.temporaryPath("text")
        let target = MaintenanceStore.temporaryPath("target")
        defer { try? FileManager.default.removeItem(atPath: file) }
        try Data("not a database at all, just some text that is long enough".utf8).write(to: URL(fileURLWithPath: file))
        #expect(throws: StoreMaintenanceError.self) { _ = try StoreRestore.run(from: file, dataDirectory: target) }
        #expect(!FileManager.default.fileExists(atPath: target))
    }
}
