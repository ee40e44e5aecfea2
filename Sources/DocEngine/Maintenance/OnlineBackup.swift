import Foundation

/// `msgsvc backup`: a consistent, self-contained copy of a data directory's store, taken while the
/// engine may be running and writing. It never takes the directory's lock (the running engine holds it);
/// SQLite's WAL lets this process read a snapshot beside the engine's writer (see `SnapshotFile`).
public enum OnlineBackup {
    /// Copies the store in `dataDirectory` to `target`, which must not exist yet. Returns what the copy
    /// holds.
    public static func run(dataDirectory: String, to target: String) throws(StoreMaintenanceError) -> StoreSummary {
        let source = (dataDirectory as NSString).appendingPathComponent(DocumentStore.fileName)
        guard FileManager.default.fileExists(atPath: source) else { throw .noStore(path: source) }
        guard !FileManager.default.fileExists(atPath: target) else { throw .targetExists(path: target) }
        var summary: StoreSummary?
        try SnapshotFile.write(from: source, to: target) { (copy) throws(StoreMaintenanceError) in
            summary = try StoreSummary.read(file: copy)
        }
        // The summary was read from the copy before it got its final name; the size is the same file's.
        return StoreSummary(collections: summary?.collections ?? [], file: target)
    }
}
