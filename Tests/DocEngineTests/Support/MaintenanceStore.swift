import BSON
@testable import DocEngine
import Foundation
import MongoPool

/// A store for the backup, verify and restore tests: collection test.m with every kind of index the
/// engine keeps (unique compound, multikey, text, unique partial), holding `count` documents.
enum MaintenanceStore {
    static let namespace = CollectionNamespace(database: "test", collection: "m")

    static func fill(_ engine: EngineHarness, count: Int = 40) async throws {
        _ = try await engine.command(["createIndexes": "m", "indexes": [
            ["key": ["room": 1, "seq": 1], "name": "room_seq", "unique": true],
            ["key": ["tags": 1], "name": "tags_1"],
            ["key": ["body": "text"], "name": "body_text"],
            ["key": ["client": 1], "name": "client_partial", "unique": true,
             "partialFilterExpression": ["client": ["$exists": true]]],
        ]])
        try await insert(engine, (0..<count).map(document))
    }

    static func document(_ n: Int) -> Document {
        var document: Document = [
            "_id": .int64(Int64(n)), "room": .string("r\(n % 3)"), "seq": .int64(Int64(n)),
            "tags": ["news", .string("t\(n % 5)")], "body": .string("message number \(n) about running cafés"),
        ]
        if n.isMultiple(of: 2) { document.append("client", .string("c\(n)")) }
        return document
    }

    static func insert(_ engine: EngineHarness, _ documents: [Document]) async throws {
        _ = try await engine.client.insertMany(documents, into: engine.namespace("m"))
    }

    /// A stopped store in a fresh directory.
    static func make(count: Int = 40) async throws -> String {
        let engine = try await EngineHarness.start()
        try await fill(engine, count: count)
        await engine.stop()
        return engine.directory
    }

    /// A backup file of a stopped store (the store itself removed).
    static func makeBackup(count: Int) async throws -> String {
        let directory = try await make(count: count)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let backup = temporaryPath("backup")
        _ = try OnlineBackup.run(dataDirectory: directory, to: backup)
        return backup
    }

    /// Edits the store file behind the engine's back (it must be stopped, or the file a backup).
    static func damage(file: String, _ body: (SQLiteConnection, CollectionDescriptor) throws -> Void) throws {
        let connection = try SQLiteConnection(path: file, readOnly: false)
        let catalog = try CatalogLoader.load(from: connection)
        guard let collection = catalog.collection(namespace) else { throw MaintenanceStoreError.noCollection }
        try body(connection, collection)
    }

    static func damage(directory: String, _ body: (SQLiteConnection, CollectionDescriptor) throws -> Void) throws {
        try damage(file: storeFile(directory), body)
    }

    static func storeFile(_ directory: String) -> String {
        (directory as NSString).appendingPathComponent(DocumentStore.fileName)
    }

    static func temporaryPath(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("\(name)-\(UUID().uuidString.prefix(8))").path
    }
}

enum MaintenanceStoreError: Error {
    case noCollection
}

extension CollectionDescriptor {
    func table(of index: String) -> String { self.index(named: index)?.table ?? "no_such_index" }
}
