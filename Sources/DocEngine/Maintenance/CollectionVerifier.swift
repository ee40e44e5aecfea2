import BSON
import EngineQuery

/// Checks one collection's indexes against its documents, in both directions, with the engine's own key
/// derivation (`IndexDescriptor.entryKeys`, which text indexes share). Memory stays flat however large
/// the collection: each key a document produces is looked up in the index table, and only an index
/// holding more entries than were found gets a second pass that names the extra ones.
struct CollectionVerifier {
    let collection: CollectionDescriptor
    let connection: SQLiteConnection

    private var name: String { collection.namespace.description }

    /// Returns the number of documents.
    func verify(into report: inout VerificationReport) throws -> Int {
        let indexes = collection.indexes
        var found = Array(repeating: 0, count: indexes.count)
        var arraysSeen = Array(repeating: false, count: indexes.count)
        var documents = 0
        let rows = try connection.statement("SELECT rid, doc FROM \(collection.table)")
        while try rows.step() {
            documents += 1
            let rid = rows.int64(0)
            guard let document = try? Document(bytes: rows.blob(1)) else {
                report.add(.invalidDocument(collection: name, rid: rid))
                continue
            }
            for (position, index) in indexes.enumerated() {
                let keys: [[UInt8]]
                do {
                    keys = try index.entryKeys(for: document)
                } catch {
                    report.add(.unindexableDocument(collection: name, index: index.name, rid: rid, reason: "\(error)"))
                    continue
                }
                for key in keys {
                    if try hasEntry(index, key: key, rid: rid) {
                        found[position] += 1
                    } else {
                        report.add(.missingEntry(collection: name, index: index.name, rid: rid,
                                                 documentID: Self.describeID(of: document), key: StoreProblem.keyText(key)))
                    }
                }
                // The writer flags an index multikey under the same condition (see WriteContext.addEntries).
                if !keys.isEmpty && index.text == nil && index.pattern.fields.contains(where: { document.hasArray(alongPath: $0.path) }) {
                    arraysSeen[position] = true
                }
            }
        }
        for (position, index) in indexes.enumerated() {
            if arraysSeen[position] && !index.multikey {
                report.add(.undeclaredMultikey(collection: name, index: index.name))
            }
            // Every entry found is distinct (the table's key is (k, rid)), so more rows means extra ones.
            if try entryCount(index) > found[position] { try reportExtraEntries(index, into: &report) }
            if index.unique { try reportDuplicateKeys(index, into: &report) }
        }
        return documents
    }

    private func hasEntry(_ index: IndexDescriptor, key: [UInt8], rid: Int64) throws -> Bool {
        let probe = try connection.statement("SELECT 1 FROM \(index.table) WHERE k = ?1 AND rid = ?2")
        probe.bind(1, key)
        probe.bind(2, rid)
        defer { probe.reset() }
        return try probe.step()
    }

    private func entryCount(_ index: IndexDescriptor) throws -> Int {
        let count = try connection.statement("SELECT count(*) FROM \(index.table)")
        defer { count.reset() }
        return try count.step() ? Int(count.int64(0)) : 0
    }

    /// Names each entry whose document is gone or does not produce its key.
    private func reportExtraEntries(_ index: IndexDescriptor, into report: inout VerificationReport) throws {
        let entries = try connection.statement("SELECT k, rid FROM \(index.table)")
        defer { entries.reset() }
        let lookup = try connection.statement("SELECT doc FROM \(collection.table) WHERE rid = ?1")
        while try entries.step() {
            let key = entries.blob(0)
            let rid = entries.int64(1)
            lookup.reset()
            lookup.bind(1, rid)
            let produced: [[UInt8]]
            if try lookup.step(), let document = try? Document(bytes: lookup.blob(0)) {
                produced = (try? index.entryKeys(for: document)) ?? []
            } else {
                produced = []
            }
            if !produced.contains(key) {
                report.add(.extraEntry(collection: name, index: index.name, rid: rid, key: StoreProblem.keyText(key)))
            }
        }
        lookup.reset()
    }

    private func reportDuplicateKeys(_ index: IndexDescriptor, into report: inout VerificationReport) throws {
        let groups = try connection.statement(
            "SELECT k, group_concat(rid) FROM \(index.table) GROUP BY k HAVING count(*) > 1")
        defer { groups.reset() }
        while try groups.step() {
            let rids = groups.text(1).split(separator: ",").compactMap { Int64($0) }
            report.add(.duplicateKey(collection: name, index: index.name, key: StoreProblem.keyText(groups.blob(0)), rids: rids))
        }
    }

    private static func describeID(of document: Document) -> String {
        document["_id"].map { Document([("_id", $0)]).description } ?? "no _id"
    }
}
