import Foundation

/// A consistent copy of a SQLite database in one new, self-contained file.
///
/// `VACUUM INTO` rather than the online backup API: it reads the whole source in one read transaction, a
/// WAL snapshot, so the copy is the store as of one commit while the engine (another process, which the
/// backup API cannot see writing) keeps committing; the backup API restarts its page copy after each such
/// write unless it copies everything in one step, which then also copies free pages. `VACUUM INTO`
/// writes a compact file with no WAL beside it, in rollback-journal mode; the engine switches it back to
/// WAL when it opens it.
enum SnapshotFile {
    /// Copies `source` to a temporary file beside `destination`, syncs it, lets `check` inspect it, then
    /// publishes it under `destination`. Nothing is left under either name if any step fails.
    static func write(from source: String, to destination: String,
                      check: (String) throws(StoreMaintenanceError) -> Void = { _ in }) throws(StoreMaintenanceError) {
        let temporary = DurableFile.temporaryName(for: destination)
        try? FileManager.default.removeItem(atPath: temporary)
        do throws(StoreMaintenanceError) {
            try DurableFile.createPrivate(temporary)
            try copy(source, into: temporary)
            try check(temporary)
            try DurableFile.publish(temporary, as: destination)
        } catch {
            try? FileManager.default.removeItem(atPath: temporary)
            throw error
        }
    }

    private static func copy(_ source: String, into temporary: String) throws(StoreMaintenanceError) {
        let connection = try StoreMaintenanceError.opening(source) { () throws(SQLiteError) in
            try SQLiteConnection(path: source, readOnly: true)
        }
        try StoreMaintenanceError.reading(source) {
            let vacuum = try connection.statement("VACUUM INTO ?1")
            vacuum.bind(1, temporary)
            try vacuum.run()
        }
    }
}
