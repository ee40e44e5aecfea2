/// One thing `StoreVerifier` found wrong with a store, naming where it is.
public enum StoreProblem: Sendable, Equatable, CustomStringConvertible {
    /// A line from SQLite's own `PRAGMA integrity_check` (or `quick_check`).
    case integrity(String)
    /// The file is a SQLite database but not an engine store: a catalog table is missing.
    case notAStore(missingTable: String)
    /// The catalog disagrees with the tables: an index spec that does not parse, a table the catalog names
    /// but the file lacks, an index row whose collection is gone, a table no catalog row owns.
    case catalog(String)
    /// A table could not be read to the end.
    case unreadable(collection: String, reason: String)
    /// A document row that is not valid BSON.
    case invalidDocument(collection: String, rid: Int64)
    /// A document the index's key extraction refuses (parallel arrays, an array in a text prefix).
    case unindexableDocument(collection: String, index: String, rid: Int64, reason: String)
    /// The document produces this key, but the index has no entry for it.
    case missingEntry(collection: String, index: String, rid: Int64, documentID: String, key: String)
    /// The index has an entry that its document does not produce (or whose document does not exist).
    case extraEntry(collection: String, index: String, rid: Int64, key: String)
    /// A unique index holds the same key for several documents.
    case duplicateKey(collection: String, index: String, key: String, rids: [Int64])
    /// Documents have arrays on the index's paths but it is not flagged multikey, so the planner would
    /// trust range bounds and sorts that arrays make wrong.
    case undeclaredMultikey(collection: String, index: String)

    public var description: String {
        switch self {
        case .integrity(let line):
            "SQLite integrity: \(line)"
        case .notAStore(let table):
            "not an engine store: table '\(table)' is missing"
        case .catalog(let detail):
            "catalog: \(detail)"
        case .unreadable(let collection, let reason):
            "\(collection): cannot be read: \(reason)"
        case .invalidDocument(let collection, let rid):
            "\(collection): the document with record id \(rid) is not valid BSON"
        case .unindexableDocument(let collection, let index, let rid, let reason):
            "\(collection): index '\(index)' cannot index the document with record id \(rid): \(reason)"
        case .missingEntry(let collection, let index, let rid, let documentID, let key):
            "\(collection): index '\(index)' lacks the entry \(key) of the document with record id \(rid) (\(documentID))"
        case .extraEntry(let collection, let index, let rid, let key):
            "\(collection): index '\(index)' has an entry \(key) for record id \(rid) that no document produces"
        case .duplicateKey(let collection, let index, let key, let rids):
            "\(collection): unique index '\(index)' holds the key \(key) for record ids \(rids.map(String.init).joined(separator: ", "))"
        case .undeclaredMultikey(let collection, let index):
            "\(collection): index '\(index)' is not flagged multikey but documents have arrays on its paths"
        }
    }

    /// An index key as the problem names it: hex, cut short (keys can hold whole strings).
    static func keyText(_ key: [UInt8]) -> String {
        let shown = key.prefix(48).map { byte in
            let digits = String(byte, radix: 16)
            return byte < 16 ? "0" + digits : digits
        }.joined()
        return "0x" + shown + (key.count > 48 ? "…(\(key.count) bytes)" : "")
    }
}
