import BSON
import EngineQuery

/// `validate`: reads every document of a collection in one snapshot, checks that it is well-formed BSON
/// (a full validation, unlike the trusted reads of queries), and checks each index against the entries
/// the documents produce (see `IndexConsistency`). Nothing is repaired.
enum ValidateCommand {
    static let options: Set<String> = ["full", "background", "scandata", "checkBSONConformance", "metadata"]

    @Sendable static func run(_ context: CommandContext) async throws -> Document {
        let namespace = try context.collectionNamespace()
        if try context.fields.bool("repair") == true {
            throw EngineError(.notImplemented, "validate with repair is not supported by this engine")
        }
        for option in options { _ = try context.fields.bool(option) }
        let report = try await context.engine.store.read { connection, catalog -> Document? in
            guard let collection = catalog.collection(namespace) else { return nil }
            let uuid = try CatalogUUIDs.read(database: namespace.database, connection: connection)[namespace.collection]
            return try validate(collection, uuid: uuid, connection: connection)
        }
        guard var report else {
            throw EngineError(.namespaceNotFound, "Collection '\(namespace)' does not exist to validate.")
        }
        report.append("ok", 1.0)
        return report
    }

    static func validate(_ collection: CollectionDescriptor, uuid: BSONValue?, connection: SQLiteConnection) throws -> Document {
        var expected = Array(repeating: Set<IndexConsistency.Entry>(), count: collection.indexes.count)
        var sawArrays = Array(repeating: false, count: collection.indexes.count)
        var records = 0
        var invalid = 0
        var errors: [String] = []
        let rows = try connection.statement("SELECT rid, doc FROM \(collection.table) ORDER BY rid")
        while try rows.step() {
            records += 1
            let rid = rows.int64(0)
            guard let document = try? Document(bytes: rows.blob(1)) else {
                invalid += 1
                continue
            }
            for (position, index) in collection.indexes.enumerated() where index.covers(document) {
                do {
                    // entryKeys, not the key pattern alone: a text index's entries are its terms.
                    for key in try index.entryKeys(for: document) {
                        expected[position].insert(.init(key: key, rid: rid))
                    }
                } catch {
                    errors.append("document with record id \(rid) cannot be indexed by '\(index.name)': \(error)")
                }
                // Text indexes are never read as B-trees and never flagged multikey (see WriteContext).
                if index.text == nil && index.pattern.fields.contains(where: { document.hasArray(alongPath: $0.path) }) {
                    sawArrays[position] = true
                }
            }
        }
        if invalid > 0 { errors.append("\(invalid) documents are not valid BSON") }
        var keysPerIndex = Document()
        var indexDetails = Document()
        for (position, index) in collection.indexes.enumerated() {
            let check = try IndexConsistency.check(index, expected: expected[position], sawArrays: sawArrays[position],
                                                   connection: connection)
            keysPerIndex.append(index.name, .int64(Int64(check.entries)))
            indexDetails.append(index.name, ["valid": .bool(check.valid)])
            errors += check.problems
        }
        var report: Document = ["ns": .string(collection.namespace.description)]
        if let uuid { report.append("uuid", uuid) }
        let results: Document = [
            "nInvalidDocuments": .int64(Int64(invalid)),
            "nNonCompliantDocuments": .int64(Int64(invalid)),
            "nrecords": .int64(Int64(records)),
            "nIndexes": .int32(Int32(clamping: collection.indexes.count)),
            "keysPerIndex": .document(keysPerIndex),
            "indexDetails": .document(indexDetails),
            "valid": .bool(errors.isEmpty),
            "repaired": false,
            "warnings": [],
            "errors": .array(errors.map(BSONValue.string)),
            "extraIndexEntries": [],
            "missingIndexEntries": [],
            "corruptRecords": [],
        ]
        for (key, value) in results.elements { report.append(key, value) }
        return report
    }
}
