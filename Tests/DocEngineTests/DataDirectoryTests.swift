@testable import DocEngine
import Foundation
import Logging
import Testing

/// Issue #9, items 6 and 12: one store per data directory, and only in WAL mode.
@Suite("Storage: data directory lock and WAL check")
struct DataDirectoryTests {
    static func temporaryDirectory() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("docengine-lock-\(UUID().uuidString)").path
    }

    static var logger: Logger {
        var logger = Logger(label: "test.lock")
        logger.logLevel = .critical
        return logger
    }

    @Test func secondStoreInSameProcessIsRefusedWithOwnerPID() async throws {
        let directory = Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let first = try DocumentStore(directory: directory, logger: Self.logger)
        #expect(throws: StoreOpenError.directoryLocked(directory: directory, ownerPID: getpid())) {
            _ = try DocumentStore(directory: directory, logger: Self.logger)
        }
        #expect(throws: StoreOpenError.self) {
            _ = try EmbeddedEngine(configuration: .init(dataDirectory: directory, port: nil), logger: Self.logger)
        }
        await first.close()
        // Released on close: the directory opens again.
        let again = try DocumentStore(directory: directory, logger: Self.logger)
        await again.close()
    }

    @Test func directoryLockedByAnotherProcessIsRefused() async throws {
        let directory = Self.temporaryDirectory()
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let lockPath = (directory as NSString).appendingPathComponent(DataDirectoryLock.fileName)
        // Another process takes the lock the way the engine does, records its pid, and says when it holds it.
        // Spawned with posix_spawn, not Foundation's Process, whose Linux run() can read past a mapping while
        // listing /proc/self/fd (swift-corelibs-foundation #5472; it crashed a full CI run here).
        let script = """
            import fcntl, os, sys, time
            f = open(sys.argv[1], "w")
            fcntl.flock(f, fcntl.LOCK_EX)
            f.write(str(os.getpid())); f.flush()
            print("locked", flush=True)
            time.sleep(60)
            """
        var fds: [Int32] = [0, 0]
        try #require(pipe(&fds) == 0)
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, fds[1], 1)
        posix_spawn_file_actions_addclose(&actions, fds[0])
        posix_spawn_file_actions_addclose(&actions, fds[1])
        let words: [String] = ["/usr/bin/env", "python3", "-c", script, lockPath]
        let argv: [UnsafeMutablePointer<CChar>?] = words.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var holderPID: pid_t = 0
        let spawned = posix_spawn(&holderPID, "/usr/bin/env", &actions, nil, argv, environ)
        close(fds[1])
        defer { close(fds[0]) }
        try #require(spawned == 0)
        defer {
            kill(holderPID, SIGKILL)
            var status: Int32 = 0
            waitpid(holderPID, &status, 0)
        }
        // Blocks until "locked" (or EOF if python3 is missing).
        var byte: UInt8 = 0
        _ = read(fds[0], &byte, 1)

        #expect(throws: StoreOpenError.directoryLocked(directory: directory, ownerPID: holderPID)) {
            _ = try DocumentStore(directory: directory, logger: Self.logger)
        }
        // Refused before SQLite touched anything.
        #expect(!FileManager.default.fileExists(atPath: (directory as NSString).appendingPathComponent(DocumentStore.fileName)))
    }

    @Test func journalModeCheckAcceptsOnlyWAL() throws {
        try JournalModeCheck.check("wal")
        try JournalModeCheck.check("WAL")
        for mode in ["delete", "memory", "truncate", "persist", "off", ""] {
            #expect(throws: StoreOpenError.journalModeNotWAL(actual: mode)) { try JournalModeCheck.check(mode) }
        }
    }

    @Test func databaseThatCannotUseWALIsRefused() throws {
        // An in-memory database silently stays in "memory" mode when asked for WAL, as some filesystems do.
        let connection = try SQLiteConnection(path: ":memory:", readOnly: false)
        try connection.execute(Schema.pragmas)
        #expect(throws: StoreOpenError.journalModeNotWAL(actual: "memory")) {
            try JournalModeCheck.requireWAL(connection)
        }
        let file = Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: file) }
        try FileManager.default.createDirectory(atPath: file, withIntermediateDirectories: true)
        let onDisk = try SQLiteConnection(path: (file as NSString).appendingPathComponent("x.sqlite"), readOnly: false)
        try onDisk.execute(Schema.pragmas)
        try JournalModeCheck.requireWAL(onDisk)
    }
}
