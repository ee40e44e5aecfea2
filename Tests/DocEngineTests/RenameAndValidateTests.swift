import BSON
@testable import DocEngine
import Foundation
import MongoPool
import Testing

@Suite("renameCollection and validate")
struct RenameAndValidateTests {
    static func firstBatch(_ reply: Document) -> [Document] { CollectionAdminTests.firstBatch(reply) }

    static func uuid(of name: String, in database: String = "test", _ engine: EngineHarness) async throws -> BSONValue? {
        let entries = firstBatch(try await engine.command(["listCollections": 1, "filter": ["name": .string(name)]], database: database))
        return entries.first?.value(atPath: "info.uuid")
    }

    @Test func renameMovesDocumentsIndexesAndUUID() async throws {
        try await withEngine { engine in
            _ = try await engine.command(["createIndexes": "old", "indexes": [["key": ["tags": 1], "name": "tags_1"],
                                                                            ["key": ["k": 1], "name": "k_1", "unique": true]]])
            _ = try await engine.client.insertMany((0..<20).map { ["k": .int32(Int32($0)), "tags": ["a", "b"]] }, into: engine.namespace("old"))
            let uuid = try await Self.uuid(of: "old", engine)

            let reply = try await engine.command(["renameCollection": "test.old", "to": "test.new"], database: "admin")
            #expect(reply["ok"]?.doubleValue == 1)
            #expect(try await Self.uuid(of: "old", engine) == nil)
            #expect(try await Self.uuid(of: "new", engine) == uuid)
            #expect(try await engine.command(["count": "new"])["n"]?.integerValue == 20)
            let specs = Self.firstBatch(try await engine.command(["listIndexes": "new"]))
            #expect(specs.map { $0["name"]?.stringValue } == ["_id_", "tags_1", "k_1"])
            #expect(specs[2]["unique"] == .bool(true))
            // The indexes answer queries and still enforce uniqueness.
            #expect(try await engine.client.find(["k": 7], in: engine.namespace("new")).count == 1)
            #expect(try await engine.client.find(["tags": "b"], in: engine.namespace("new")).count == 20)
            let duplicate = await #expect(throws: MongoError.self) {
                _ = try await engine.client.insert(["k": 3], into: engine.namespace("new"))
            }
            #expect(duplicate?.isDuplicateKey == true)
            #expect(try await engine.command(["validate": "new"])["valid"] == .bool(true))
        }
    }

    @Test func renameErrorsAndDropTarget() async throws {
        try await withEngine { engine in
            _ = try await engine.client.insert(["from": "a"], into: engine.namespace("a"))
            _ = try await engine.client.insert(["from": "b"], into: engine.namespace("b"))
            let missing = await #expect(throws: MongoError.self) {
                _ = try await engine.command(["renameCollection": "test.none", "to": "test.c"], database: "admin")
            }
            #expect(missing?.serverCode == 26)
            let exists = await #expect(throws: MongoError.self) {
                _ = try await engine.command(["renameCollection": "test.a", "to": "test.b"], database: "admin")
            }
            #expect(exists?.serverCode == 48)
            let notAdmin = await #expect(throws: MongoError.self) {
                _ = try await engine.command(["renameCollection": "test.a", "to": "test.c"], database: "test")
            }
            #expect(notAdmin?.serverCode == 13)
            let itself = await #expect(throws: MongoError.self) {
                _ = try await engine.command(["renameCollection": "test.a", "to": "test.a"], database: "admin")
            }
            #expect(itself?.serverCode == 20)
            let badTarget = await #expect(throws: MongoError.self) {
                _ = try await engine.command(["renameCollection": "test.a", "to": "test"], database: "admin")
            }
            #expect(badTarget?.serverCode == 73)

            _ = try await engine.command(["renameCollection": "test.a", "to": "test.b", "dropTarget": true], database: "admin")
            let left = try await engine.client.find(in: engine.namespace("b"))
            #expect(left.map { $0["from"] } == ["a"])

            _ = try await engine.command(["renameCollection": "test.b", "to": "other.moved"], database: "admin")
            #expect(try await engine.client.find(in: engine.namespace("moved", database: "other")).count == 1)
            #expect(try await engine.client.find(in: engine.namespace("b")).isEmpty)
        }
    }

    @Test func validateReportsAConsistentCollection() async throws {
        try await withEngine { engine in
            _ = try await engine.command(["createIndexes": "v", "indexes": [["key": ["tags": 1], "name": "tags_1"]]])
            _ = try await engine.client.insertMany([["tags": ["x", "y", "z"]], ["tags": "w"], ["other": 1]], into: engine.namespace("v"))
            let report = try await engine.command(["validate": "v", "full": true])
            #expect(report["valid"] == .bool(true))
            #expect(report["ns"]?.stringValue == "test.v")
            let uuid = try await Self.uuid(of: "v", engine)
            #expect(uuid != nil && report["uuid"] == uuid)
            #expect(report["nrecords"]?.integerValue == 3)
            #expect(report["nIndexes"]?.integerValue == 2)
            #expect(report["nInvalidDocuments"]?.integerValue == 0)
            // Three keys for the array, one for "w", one (null) for the document without tags.
            #expect(report.value(atPath: "keysPerIndex.tags_1")?.integerValue == 5)
            #expect(report.value(atPath: "keysPerIndex._id_")?.integerValue == 3)
            #expect(report.value(atPath: "indexDetails.tags_1.valid") == .bool(true))
            #expect(report["errors"] == .array([]))
            let missing = await #expect(throws: MongoError.self) { _ = try await engine.command(["validate": "none"]) }
            #expect(missing?.serverCode == 26)
        }
    }

    @Test func validateAcceptsACollectionWithATextIndex() async throws {
        try await withEngine { engine in
            _ = try await engine.command(["createIndexes": "t", "indexes": [["key": ["body": "text"], "name": "body_text"]]])
            _ = try await engine.client.insertMany([["body": "running in the park"], ["body": ["apple", "banana"]]],
                                                   into: engine.namespace("t"))
            let report = try await engine.command(["validate": "t"])
            #expect(report["errors"] == .array([]))
            #expect(report["valid"] == .bool(true))
            // running (stemmed to run) and park; apple and banana.
            #expect(report.value(atPath: "keysPerIndex.body_text")?.integerValue == 4)
        }
    }

    @Test func validateFindsAMissingIndexEntry() async throws {
        let first = try await EngineHarness.start()
        defer { first.removeData() }
        _ = try await first.command(["createIndexes": "v", "indexes": [["key": ["n": 1], "name": "n_1"]]])
        _ = try await first.client.insertMany((0..<5).map { ["n": .int32(Int32($0))] }, into: first.namespace("v"))
        await first.stop()

        // Damage the index behind the engine's back: one entry of n_1 disappears.
        do {
            let path = (first.directory as NSString).appendingPathComponent(DocumentStore.fileName)
            let connection = try SQLiteConnection(path: path, readOnly: false, vfs: nil)
            let catalog = try CatalogLoader.load(from: connection)
            let index = try #require(catalog.collection(CollectionNamespace(database: "test", collection: "v"))?.index(named: "n_1"))
            try connection.execute("DELETE FROM \(index.table) WHERE rid = (SELECT MIN(rid) FROM \(index.table))")
        }

        let second = try await EngineHarness.start(directory: first.directory)
        let report = try await second.command(["validate": "v"])
        #expect(report["valid"] == .bool(false))
        #expect(report.value(atPath: "keysPerIndex.n_1")?.integerValue == 4)
        #expect(report.value(atPath: "indexDetails.n_1.valid") == .bool(false))
        #expect(report.value(atPath: "indexDetails._id_.valid") == .bool(true))
        let errors = report["errors"]?.arrayValue?.compactMap(\.stringValue) ?? []
        #expect(errors.contains { $0.contains("n_1") && $0.contains("missing 1") })
        await second.stop()
    }
}
