import BSON
@testable import DocEngine
import Foundation
import Testing

/// `msgsvc verify`'s checks: a healthy store passes, running or stopped; each kind of damage done to the
/// file behind the engine's back is reported naming the collection and the index.
@Suite("Store verification")
struct StoreVerifierTests {
    private func verify(_ directory: String) throws -> VerificationReport {
        try StoreVerifier().verify(dataDirectory: directory)
    }

    /// Verifies a fresh stopped store after `damage` has edited its file.
    private func verifyAfterDamage(_ damage: (SQLiteConnection, CollectionDescriptor) throws -> Void) async throws -> VerificationReport {
        let directory = try await MaintenanceStore.make()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try MaintenanceStore.damage(directory: directory, damage)
        return try verify(directory)
    }

    @Test func aHealthyStorePasses() async throws {
        let directory = try await MaintenanceStore.make()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let report = try verify(directory)
        #expect(report.problems == [])
        #expect(report.isHealthy)
        #expect(report.collections == [CollectionTally(namespace: "test.m", documents: 40, indexes: 5)])
        #expect(try StoreVerifier(quick: true).verify(dataDirectory: directory).isHealthy)
    }

    @Test func aRunningStoreIsCheckedWithoutItsLockWhileItKeepsWriting() async throws {
        try await withEngine { engine in
            try await MaintenanceStore.fill(engine)
            let report = try verify(engine.directory)
            #expect(report.problems == [])
            #expect(report.collections.first?.documents == 40)
            // The engine was not disturbed: it still writes.
            try await MaintenanceStore.insert(engine, [MaintenanceStore.document(1_000)])
            #expect(try verify(engine.directory).collections.first?.documents == 41)
        }
    }

    @Test func aDeletedIndexEntryIsNamed() async throws {
        var rid: Int64 = 0
        let report = try await verifyAfterDamage { connection, collection in
            let table = collection.table(of: "room_seq")
            let oldest = try connection.statement("SELECT min(rid) FROM \(table)")
            rid = try oldest.step() ? oldest.int64(0) : 0
            oldest.reset()
            try connection.execute("DELETE FROM \(table) WHERE rid = \(rid)")
        }
        #expect(!report.isHealthy)
        #expect(report.problems.count == 1)
        guard case .missingEntry(let collection, let index, let missingRID, let id, _)? = report.problems.first else {
            Issue.record("expected a missing entry, got \(report.problems)")
            return
        }
        #expect(collection == "test.m" && index == "room_seq" && missingRID == rid)
        #expect(id.contains("_id"))
        #expect(report.problems[0].description.contains("test.m") && report.problems[0].description.contains("'room_seq'"))
    }

    @Test func aStrayIndexEntryIsNamed() async throws {
        let report = try await verifyAfterDamage { connection, collection in
            let table = collection.table(of: "tags_1")
            // One for a document that exists but does not produce the key, one for no document at all.
            try connection.execute("INSERT INTO \(table)(k, rid) VALUES (x'00ff', 1), (x'00ff', 999999)")
        }
        #expect(report.problems == [
            .extraEntry(collection: "test.m", index: "tags_1", rid: 1, key: "0x00ff"),
            .extraEntry(collection: "test.m", index: "tags_1", rid: 999999, key: "0x00ff"),
        ])
    }

    @Test func aUniqueKeyHeldForTwoDocumentsIsNamed() async throws {
        let report = try await verifyAfterDamage { connection, collection in
            let table = collection.table(of: "room_seq")
            try connection.execute("INSERT INTO \(table)(k, rid) SELECT k, 2 FROM \(table) WHERE rid = 1")
        }
        #expect(report.problems.contains { problem in
            if case .duplicateKey("test.m", "room_seq", _, let rids) = problem { return rids.sorted() == [1, 2] }
            return false
        })
        #expect(report.problems.contains { problem in
            if case .extraEntry("test.m", "room_seq", 2, _) = problem { return true }
            return false
        })
        #expect(report.problems.count == 2)
    }

    @Test func aMissingTextIndexEntryIsNamed() async throws {
        let report = try await verifyAfterDamage { connection, collection in
            let table = collection.table(of: "body_text")
            try connection.execute("DELETE FROM \(table) WHERE (k, rid) = (SELECT k, rid FROM \(table) LIMIT 1)")
        }
        #expect(report.problems.count == 1)
        #expect(report.problems.allSatisfy { problem in
            if case .missingEntry("test.m", "body_text", _, _, _) = problem { return true }
            return false
        })
    }

    @Test func anIndexWithArraysNotFlaggedMultikeyIsNamed() async throws {
        let report = try await verifyAfterDamage { connection, _ in
            try connection.execute("UPDATE catalog_indexes SET multikey = 0 WHERE name = 'tags_1'")
        }
        #expect(report.problems == [.undeclaredMultikey(collection: "test.m", index: "tags_1")])
    }

    @Test func aMissingIndexTableIsACatalogProblem() async throws {
        var table = ""
        let report = try await verifyAfterDamage { connection, collection in
            table = collection.table(of: "tags_1")
            try connection.execute("DROP TABLE \(table)")
        }
        #expect(report.problems == [.catalog("test.m: the table \(table) of index 'tags_1' is missing")])
    }

    @Test func aSQLiteFileWithoutTheCatalogIsNotAStore() throws {
        let file = MaintenanceStore.temporaryPath("not-a-store")
        defer { try? FileManager.default.removeItem(atPath: file) }
        try SQLiteConnection(path: file, readOnly: false).execute("CREATE TABLE notes(x)")
        let report = try StoreVerifier().verify(file: file)
        #expect(report.problems == [.notAStore(missingTable: "catalog_collections"), .notAStore(missingTable: "catalog_indexes")])
    }

    @Test func aDirectoryWithoutAStoreCannotBeChecked() throws {
        let directory = MaintenanceStore.temporaryPath("empty")
        #expect(throws: StoreMaintenanceError.self) { try verify(directory) }
    }
}
