import BSON
import EngineQuery
import Foundation
import Logging

/// An engine data directory: one SQLite database in WAL mode, one writer thread doing group commit, and
/// a pool of readers. The only way in and out of the files.
public final class DocumentStore: Sendable {
    public static let fileName = "engine.sqlite"

    let writer: Writer
    let readers: ReaderPool
    let checkpointer: Checkpointer
    let catalog: PublishedCatalog
    let directoryLock: DataDirectoryLock
    public let directory: String

    /// Opens (creating if needed) the store in `directory`. Throws `StoreOpenError` when another store
    /// has the directory open or SQLite cannot run it in WAL mode.
    public convenience init(directory: String, readerCount: Int = 4, logger: Logger) throws {
        try self.init(directory: directory, readerCount: readerCount, logger: logger, vfs: nil)
    }

    /// Opens the store through the SQLite VFS named `vfs` (tests inject faults and power loss with one).
    /// With `metrics`, the writer records each group commit's size and duration.
    init(directory: String, readerCount: Int = 4, logger: Logger, vfs: String?, metrics: EngineMetrics? = nil) throws {
        try FileManager.default.createDirectory(
            atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        // Locked before SQLite touches the files, so a refused second opener changes nothing.
        let directoryLock = try DataDirectoryLock(directory: directory)
        let path = (directory as NSString).appendingPathComponent(Self.fileName)
        let connection = try SQLiteConnection(path: path, readOnly: false, vfs: vfs)
        try connection.execute(Schema.pragmas)
        try connection.execute(Schema.writerCachePragma)
        try connection.execute(Schema.walSizeLimitPragma)
        try JournalModeCheck.requireWAL(connection)
        try connection.execute(Schema.catalogTables)
        try CatalogMigration.upgrade(connection)
        let loaded = try CatalogLoader.load(from: connection)
        self.directory = directory
        self.directoryLock = directoryLock
        self.catalog = PublishedCatalog(loaded)
        // Everything that can fail comes before the first thread starts, so a failed open leaves none behind.
        let checkpointConnection = try Checkpointer.connection(path: path, vfs: vfs)
        self.readers = try ReaderPool(path: path, count: readerCount, vfs: vfs)
        self.checkpointer = Checkpointer(connection: checkpointConnection, writer: connection, logger: logger)
        self.writer = Writer(connection: connection, catalog: loaded, published: catalog, logger: logger, metrics: metrics)
    }

    /// Runs a write job in the next group commit; returns once it is durable.
    func write<T: Sendable>(_ body: @escaping @Sendable (WriteContext) throws -> T) async throws -> T {
        try await writer.write(body)
    }

    /// Runs a read job in its own snapshot, with the catalog as of its start.
    func read<T: Sendable>(_ body: @escaping @Sendable (SQLiteConnection, Catalog) throws -> T) async throws -> T {
        let snapshot = catalog.current
        return try await readers.read { connection in try body(connection, snapshot) }
    }

    var currentCatalog: Catalog { catalog.current }

    /// Waits for queued writes, stops the writer, checkpoint and reader threads, then lets another store open
    /// the directory. (The writer's and the checkpoint thread's connections close when the store is released.)
    public func close() async {
        await writer.close()
        await checkpointer.stop()
        await readers.close()
        directoryLock.release()
    }
}
