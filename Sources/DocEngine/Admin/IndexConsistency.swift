import BSON
import EngineQuery

/// One index checked against the documents: every entry the documents produce must be in its table,
/// and nothing else may be. What `validate` reports per index.
struct IndexConsistency {
    let name: String
    var entries = 0
    var missing = 0
    var extra = 0
    var duplicateKeys = 0
    var undeclaredArrays = false

    var valid: Bool { missing == 0 && extra == 0 && duplicateKeys == 0 && !undeclaredArrays }

    /// An entry as the index table stores it: the encoded key and the document's row id.
    struct Entry: Hashable {
        let key: [UInt8]
        let rid: Int64
    }

    /// `expected` are the entries computed from the valid documents, with whether any of them has an
    /// array on an indexed path.
    static func check(_ index: IndexDescriptor, expected: Set<Entry>, sawArrays: Bool,
                      connection: SQLiteConnection) throws -> IndexConsistency {
        var result = IndexConsistency(name: index.name)
        var seen = Set<Entry>()
        var previousKey: [UInt8]?
        let rows = try connection.statement("SELECT k, rid FROM \(index.table) ORDER BY k, rid")
        while try rows.step() {
            let entry = Entry(key: rows.blob(0), rid: rows.int64(1))
            result.entries += 1
            if !expected.contains(entry) { result.extra += 1 }
            seen.insert(entry)
            if index.unique, entry.key == previousKey { result.duplicateKeys += 1 }
            previousKey = entry.key
        }
        result.missing = expected.subtracting(seen).count
        // The planner trusts the flag: ranges and sorts over an unflagged index with arrays would be wrong.
        result.undeclaredArrays = sawArrays && !index.multikey
        return result
    }

    var problems: [String] {
        var problems: [String] = []
        if missing > 0 { problems.append("index '\(name)' is missing \(missing) entries for existing documents") }
        if extra > 0 { problems.append("index '\(name)' has \(extra) entries that no document produces") }
        if duplicateKeys > 0 { problems.append("unique index '\(name)' has \(duplicateKeys) duplicate keys") }
        if undeclaredArrays { problems.append("index '\(name)' is not marked multikey but documents have arrays on its paths") }
        return problems
    }
}
