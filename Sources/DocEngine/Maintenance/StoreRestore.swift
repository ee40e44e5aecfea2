import Foundation

/// `msgsvc restore`: installs a backup as the store of a new data directory, so that `msgsvc --data-dir`
/// serves it. Only into an empty or missing directory; only a file that `StoreVerifier` finds healthy.
public enum StoreRestore {
    /// Copies `file` into `dataDirectory` under the name the engine opens. Returns what was installed.
    public static func run(from file: String, dataDirectory: String) throws(StoreMaintenanceError) -> StoreSummary {
        guard FileManager.default.fileExists(atPath: file) else { throw .noStore(path: file) }
        let created = try prepare(dataDirectory)
        // Held while installing, so an engine started on the directory meanwhile is refused, not handed
        // a half-copied file.
        let lock: DataDirectoryLock
        do throws(StoreOpenError) {
            lock = try DataDirectoryLock(directory: dataDirectory)
        } catch {
            throw .directoryLocked(error)
        }
        defer { lock.release() }
        let destination = (dataDirectory as NSString).appendingPathComponent(DocumentStore.fileName)
        var report = VerificationReport()
        do throws(StoreMaintenanceError) {
            // Copied with VACUUM INTO too: a consistent copy even of a store file that has a WAL beside it,
            // and the copy itself is what gets verified.
            try SnapshotFile.write(from: file, to: destination) { (copy) throws(StoreMaintenanceError) in
                report = try StoreVerifier().verify(file: copy)
                guard report.isHealthy else { throw .notAHealthyStore(path: file, report: report) }
            }
        } catch {
            // Leave the directory as it was found.
            lock.release()
            try? FileManager.default.removeItem(atPath: lock.path)
            if created { try? FileManager.default.removeItem(atPath: dataDirectory) }
            throw error
        }
        // A directory made here is itself a new name in its parent.
        if created { try DurableFile.sync(DurableFile.parent(of: dataDirectory), directory: true) }
        return StoreSummary(collections: report.collections, file: destination)
    }

    /// Creates the directory if missing (true when it did; its parent must exist); refuses one with
    /// anything in it.
    private static func prepare(_ directory: String) throws(StoreMaintenanceError) -> Bool {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) else {
            guard mkdir(directory, 0o700) == 0 else { throw .fileSystem(operation: "mkdir", path: directory, errno: errno) }
            return true
        }
        guard isDirectory.boolValue else { throw .fileSystem(operation: "mkdir", path: directory, errno: EEXIST) }
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        guard entries.isEmpty else { throw .directoryNotEmpty(path: directory, entries: entries.sorted()) }
        return false
    }
}
