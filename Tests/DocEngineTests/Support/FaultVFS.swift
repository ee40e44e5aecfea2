import CSQLite
@testable import DocEngine
import Foundation

/// A test SQLite VFS over the default (unix) one that knows what is on the platter, not just in the page
/// cache, and can fail or cut the power at a chosen file operation. The idea of SQLite's own crash tests
/// (test6.c), written here from its description.
///
/// Every file SQLite opens through it is the default VFS's file behind a small header; every io method is
/// forwarded. For the database, its WAL and journals the VFS also keeps a *durable image*: the bytes as they
/// were at the last successful xSync of that file. Writes and truncations since then are remembered as
/// dirty ranges; a successful xSync copies them into the image, a failed one loses them (Linux marks the
/// pages clean after a failed fsync, so a later fsync does not write them either).
///
/// A power cut (`cutPower()`, or a `plan` firing) makes every later write, sync, truncate and delete fail:
/// the machine is off. Once SQLite has closed every file, `restoreDurableFiles` puts the images back on the
/// real files, optionally tearing the last unsynced write at a sector boundary, and deletes `-shm` (shared
/// memory does not survive a power cut).
final class FaultVFS: @unchecked Sendable {
    enum FileKind: Sendable, CustomStringConvertible {
        case database, wal, journal
        var description: String { switch self { case .database: "db"; case .wal: "wal"; case .journal: "journal" } }
    }

    enum Operation: Sendable, CustomStringConvertible {
        case write, sync, truncate
        var description: String { switch self { case .write: "write"; case .sync: "sync"; case .truncate: "truncate" } }
    }

    /// The `occurrence`-th operation (1-based, counted from when it is planned) on a tracked file that
    /// matches `file` and `operation` (nil matches any).
    struct Point: Sendable, CustomStringConvertible {
        var file: FileKind?
        var operation: Operation?
        var occurrence: Int
        var description: String { "\(file?.description ?? "any") \(operation?.description ?? "op") #\(occurrence)" }
    }

    enum Failure: Sendable, CustomStringConvertible {
        /// ENOSPC: the write is refused (SQLITE_FULL).
        case diskFull
        /// EIO on a write (ExtendedCode.ioerrWrite) or on a sync (ExtendedCode.ioerrFsync, the writes are lost).
        case ioError
        /// The power goes off at this operation: it and everything after it fails.
        case powerCut
        var description: String { switch self { case .diskFull: "ENOSPC"; case .ioError: "EIO"; case .powerCut: "power cut" } }
    }

    let name: String
    private let real: UnsafeMutablePointer<sqlite3_vfs>
    private let vfs: UnsafeMutablePointer<sqlite3_vfs>
    private let zName: UnsafeMutablePointer<CChar>
    fileprivate let ioMethods: UnsafeMutablePointer<sqlite3_io_methods>

    private let lock = NSLock()
    private var disks: [String: DurableImage] = [:]
    private var openFiles = 0
    private var planned: (point: Point, failure: Failure)?
    private var matched = 0
    private var fired: [String] = []
    private var powerOff = false
    private var counts: [Operation: Int] = [:]

    init() {
        real = sqlite3_vfs_find(nil)!
        name = "faultvfs-\(UUID().uuidString.prefix(8))"
        zName = strdup(name)!
        vfs = .allocate(capacity: 1)
        ioMethods = .allocate(capacity: 1)

        var v = real.pointee
        v.iVersion = 2
        v.szOsFile = Int32(FaultFile.headerSize) + real.pointee.szOsFile
        v.pNext = nil
        v.zName = UnsafePointer(zName)
        v.xSetSystemCall = nil
        v.xGetSystemCall = nil
        v.xNextSystemCall = nil
        v.xOpen = { pVfs, zName, file, flags, outFlags in
            FaultVFS.from(pVfs).open(zName, file!, flags, outFlags)
        }
        v.xDelete = { pVfs, zName, syncDir in FaultVFS.from(pVfs).delete(zName, syncDir) }
        v.xAccess = { pVfs, zName, flags, out in
            let r = FaultVFS.from(pVfs).real
            return r.pointee.xAccess!(r, zName, flags, out)
        }
        v.xFullPathname = { pVfs, zName, count, out in
            let r = FaultVFS.from(pVfs).real
            return r.pointee.xFullPathname!(r, zName, count, out)
        }
        v.xRandomness = { pVfs, count, out in
            let r = FaultVFS.from(pVfs).real
            return r.pointee.xRandomness!(r, count, out)
        }
        v.xSleep = { pVfs, micros in
            let r = FaultVFS.from(pVfs).real
            return r.pointee.xSleep!(r, micros)
        }
        v.xCurrentTime = { pVfs, out in
            let r = FaultVFS.from(pVfs).real
            return r.pointee.xCurrentTime!(r, out)
        }
        v.xGetLastError = { pVfs, count, out in
            let r = FaultVFS.from(pVfs).real
            return r.pointee.xGetLastError!(r, count, out)
        }
        v.xCurrentTimeInt64 = { pVfs, out in
            let r = FaultVFS.from(pVfs).real
            return r.pointee.xCurrentTimeInt64!(r, out)
        }
        vfs.initialize(to: v)
        ioMethods.initialize(to: FaultFile.methods)
        vfs.pointee.pAppData = Unmanaged.passUnretained(self).toOpaque()
        let rc = sqlite3_vfs_register(vfs, 0)
        precondition(rc == SQLITE_OK, "cannot register \(name)")
    }

    /// Unregisters the VFS. Every connection opened through it must be closed.
    func unregister() {
        precondition(openFileCount == 0, "\(name) still has open files")
        sqlite3_vfs_unregister(vfs)
    }

    deinit {
        vfs.deallocate()
        ioMethods.deallocate()
        free(zName)
    }

    fileprivate static func from(_ pVfs: UnsafeMutablePointer<sqlite3_vfs>?) -> FaultVFS {
        Unmanaged<FaultVFS>.fromOpaque(pVfs!.pointee.pAppData).takeUnretainedValue()
    }

    // MARK: Planning faults

    /// Fails the operation at `point` once with `failure` (or cuts the power there).
    func plan(_ failure: Failure, at point: Point) {
        lock.withLock {
            planned = (point, failure)
            matched = 0
        }
    }

    /// Cuts the power now: every later write, sync, truncate and delete fails.
    func cutPower() { lock.withLock { powerOff = true } }

    var isPowerOff: Bool { lock.withLock { powerOff } }
    /// What fired, e.g. "EIO at wal sync #3".
    var firedFaults: [String] { lock.withLock { fired } }
    /// Operations on tracked files so far, by kind.
    func count(_ operation: Operation) -> Int { lock.withLock { counts[operation, default: 0] } }
    var openFileCount: Int { lock.withLock { openFiles } }

    /// Waits (without a deadline that matters to the test) until SQLite has closed every file: a store's
    /// writer connection is closed when its thread lets go of it, a moment after `close()` returns.
    func waitUntilClosed() async throws {
        for _ in 0..<6_000 where openFileCount > 0 { try await Task.sleep(for: .milliseconds(5)) }
        guard openFileCount == 0 else { throw FaultVFSError.filesStillOpen(openFileCount) }
    }

    // MARK: After the power cut

    /// Replaces every tracked file with its durable image and deletes the database's `-shm`. With `tear`,
    /// the last unsynced write of each file is kept up to a 512-byte sector boundary inside it: `tear` gets
    /// the number of such boundaries and returns how many sectors to keep (0 keeps none). Returns a line
    /// per torn write. All files must be closed.
    @discardableResult
    func restoreDurableFiles(tear: ((Int) -> Int)? = nil) throws -> [String] {
        precondition(openFileCount == 0, "restore needs every file closed")
        var torn: [String] = []
        for (path, disk) in lock.withLock({ disks }) {
            guard var image = disk.image else {
                if FileManager.default.fileExists(atPath: path) { try FileManager.default.removeItem(atPath: path) }
                continue
            }
            if let tear, let last = disk.dirty.last, last.length != DurableImage.truncated {
                let sector: Int64 = 512
                let first = (last.offset / sector + 1) * sector
                let end = last.offset + last.length
                let boundaries = first < end ? Int((end - 1 - first) / sector) + 1 : 0
                let keep = boundaries > 0 ? tear(boundaries) : 0
                if keep > 0 {
                    let upTo = first + Int64(keep - 1) * sector
                    let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
                    try handle.seek(toOffset: UInt64(last.offset))
                    let bytes = try handle.read(upToCount: Int(upTo - last.offset)) ?? Data()
                    try handle.close()
                    let start = Int(last.offset)
                    if image.count < start + bytes.count {
                        image.append(contentsOf: repeatElement(0, count: start + bytes.count - image.count))
                    }
                    image.replaceSubrange(start..<start + bytes.count, with: bytes)
                    torn.append("\((path as NSString).lastPathComponent): kept \(bytes.count) of \(last.length) bytes at \(last.offset)")
                }
            }
            try Data(image).write(to: URL(fileURLWithPath: path))
        }
        for path in lock.withLock({ disks.keys }) where path.hasSuffix(DocumentStore.fileName) {
            let shm = path + "-shm"
            if FileManager.default.fileExists(atPath: shm) { try FileManager.default.removeItem(atPath: shm) }
        }
        return torn
    }

    // MARK: VFS methods

    private func open(
        _ zName: UnsafePointer<CChar>?, _ file: UnsafeMutablePointer<sqlite3_file>, _ flags: Int32,
        _ outFlags: UnsafeMutablePointer<Int32>?
    ) -> Int32 {
        let inner = FaultFile.inner(file)
        file.pointee.pMethods = nil
        let rc = real.pointee.xOpen!(real, zName, inner, flags, outFlags)
        guard let innerMethods = inner.pointee.pMethods else { return rc }

        let kind: FileKind? =
            if flags & SQLITE_OPEN_MAIN_DB != 0 { .database }
            else if flags & SQLITE_OPEN_WAL != 0 { .wal }
            else if flags & SQLITE_OPEN_MAIN_JOURNAL != 0 { .journal }
            else { nil }
        let disk: DurableImage? = lock.withLock {
            openFiles += 1
            guard let kind, let zName else { return nil }
            let path = String(cString: zName)
            if let known = disks[path] {
                if known.image == nil { known.image = [] }  // created again after a delete
                return known
            }
            // The first time the VFS sees a file, what is there is what is durable.
            let existing = FileManager.default.contents(atPath: path).map { [UInt8]($0) } ?? []
            let disk = DurableImage(kind: kind, image: existing)
            disks[path] = disk
            return disk
        }
        FaultFile.attach(FaultFile(vfs: self, inner: inner, methods: innerMethods.pointee, disk: disk), to: file)
        return rc
    }

    private func delete(_ zName: UnsafePointer<CChar>?, _ syncDir: Int32) -> Int32 {
        lock.lock()
        defer { lock.unlock() }
        if powerOff { return ExtendedCode.ioerrDelete }
        let rc = real.pointee.xDelete!(real, zName, syncDir)
        if rc == SQLITE_OK, let zName, let disk = disks[String(cString: zName)] {
            disk.image = nil
            disk.dirty.removeAll()
        }
        return rc
    }

    /// Called with the lock held before a write, sync or truncate: the error to return instead, if any.
    private func gate(_ file: FaultFile, _ operation: Operation) -> Int32? {
        if powerOff { return Self.errorCode(for: operation, .ioError) }
        guard let disk = file.disk else { return nil }
        counts[operation, default: 0] += 1
        guard case let (point, failure)? = planned,
              point.file == nil || point.file == disk.kind,
              point.operation == nil || point.operation == operation
        else { return nil }
        matched += 1
        guard matched == point.occurrence else { return nil }
        planned = nil
        fired.append("\(failure) at \(disk.kind) \(operation) #\(matched)")
        switch failure {
        case .powerCut:
            powerOff = true
        case .ioError where operation == .sync, .diskFull where operation == .sync:
            disk.dirty.removeAll()  // a failed fsync loses what it was to write
        default:
            break
        }
        return Self.errorCode(for: operation, failure)
    }

    private static func errorCode(for operation: Operation, _ failure: Failure) -> Int32 {
        switch (operation, failure) {
        case (.write, .diskFull): SQLITE_FULL
        case (.write, _): ExtendedCode.ioerrWrite
        case (.sync, _): ExtendedCode.ioerrFsync
        case (.truncate, _): ExtendedCode.ioerrTruncate
        }
    }

    fileprivate func write(_ file: FaultFile, _ buffer: UnsafeRawPointer?, _ amount: Int32, _ offset: Int64) -> Int32 {
        lock.lock()
        defer { lock.unlock() }
        if let rc = gate(file, .write) { return rc }
        let rc = file.methods.xWrite!(file.inner, buffer, amount, offset)
        if rc == SQLITE_OK { file.disk?.dirty.append((offset, Int64(amount))) }
        return rc
    }

    fileprivate func truncate(_ file: FaultFile, _ size: Int64) -> Int32 {
        lock.lock()
        defer { lock.unlock() }
        if let rc = gate(file, .truncate) { return rc }
        let rc = file.methods.xTruncate!(file.inner, size)
        if rc == SQLITE_OK { file.disk?.dirty.append((size, DurableImage.truncated)) }
        return rc
    }

    fileprivate func sync(_ file: FaultFile, _ flags: Int32) -> Int32 {
        lock.lock()
        defer { lock.unlock() }
        if let rc = gate(file, .sync) { return rc }
        let rc = file.methods.xSync!(file.inner, flags)
        if rc == SQLITE_OK, let disk = file.disk { disk.settle(from: file) }
        return rc
    }

    fileprivate func closed(_ file: FaultFile) {
        lock.withLock { openFiles -= 1 }
    }

    fileprivate func shmUnmapFlag(_ deleteFlag: Int32) -> Int32 {
        lock.withLock { powerOff ? 0 : deleteFlag }
    }
}

/// SQLite's extended I/O error codes (function-like macros, which Swift does not import).
private enum ExtendedCode {
    static let ioerrWrite = SQLITE_IOERR | (3 << 8)
    static let ioerrFsync = SQLITE_IOERR | (4 << 8)
    static let ioerrTruncate = SQLITE_IOERR | (6 << 8)
    static let ioerrDelete = SQLITE_IOERR | (10 << 8)
}

enum FaultVFSError: Error {
    case filesStillOpen(Int)
}

/// What is durable of one file: its bytes at the last successful sync, and what changed since.
private final class DurableImage {
    static let truncated = Int64.max
    let kind: FaultVFS.FileKind
    /// nil: the file does not exist on disk.
    var image: [UInt8]?
    /// Writes (offset, length) and truncations (new size, `truncated`) since the last sync, in order.
    var dirty: [(offset: Int64, length: Int64)] = []

    init(kind: FaultVFS.FileKind, image: [UInt8]) {
        self.kind = kind
        self.image = image
    }

    /// After a successful sync through `file`: the file's current size and the dirty bytes become durable.
    func settle(from file: FaultFile) {
        var size: Int64 = 0
        _ = file.methods.xFileSize!(file.inner, &size)
        var bytes = image ?? []
        image = nil  // so `bytes` is the only reference and grows in place
        if bytes.count > Int(size) { bytes.removeLast(bytes.count - Int(size)) }
        else if bytes.count < Int(size) { bytes.append(contentsOf: repeatElement(0, count: Int(size) - bytes.count)) }
        for (offset, length) in dirty {
            let start = min(offset, size)
            let end = length == Self.truncated ? size : min(offset + length, size)
            guard end > start else { continue }
            bytes.withUnsafeMutableBytes { buffer in
                _ = file.methods.xRead!(file.inner, buffer.baseAddress! + Int(start), Int32(end - start), start)
            }
        }
        image = bytes
        dirty.removeAll()
    }
}

/// One open file: the header SQLite sees (its io methods, then this object), followed by the default VFS's
/// own file.
private final class FaultFile {
    static let headerSize = MemoryLayout<sqlite3_file>.stride + MemoryLayout<UnsafeRawPointer>.stride

    unowned let vfs: FaultVFS
    let inner: UnsafeMutablePointer<sqlite3_file>
    let methods: sqlite3_io_methods
    let disk: DurableImage?

    init(vfs: FaultVFS, inner: UnsafeMutablePointer<sqlite3_file>, methods: sqlite3_io_methods, disk: DurableImage?) {
        self.vfs = vfs
        self.inner = inner
        self.methods = methods
        self.disk = disk
    }

    static func inner(_ file: UnsafeMutablePointer<sqlite3_file>) -> UnsafeMutablePointer<sqlite3_file> {
        (UnsafeMutableRawPointer(file) + headerSize).assumingMemoryBound(to: sqlite3_file.self)
    }

    static func attach(_ state: FaultFile, to file: UnsafeMutablePointer<sqlite3_file>) {
        UnsafeMutableRawPointer(file).storeBytes(
            of: Unmanaged.passRetained(state).toOpaque(), toByteOffset: MemoryLayout<sqlite3_file>.stride,
            as: UnsafeMutableRawPointer.self)
        file.pointee.pMethods = UnsafePointer(state.vfs.ioMethods)
    }

    static func from(_ file: UnsafeMutablePointer<sqlite3_file>?) -> FaultFile {
        let opaque = UnsafeMutableRawPointer(file!).load(
            fromByteOffset: MemoryLayout<sqlite3_file>.stride, as: UnsafeMutableRawPointer.self)
        return Unmanaged<FaultFile>.fromOpaque(opaque).takeUnretainedValue()
    }

    /// Version 3 methods (the unix VFS's WAL needs xShm*, mmap uses xFetch); each forwards to the inner file.
    static let methods: sqlite3_io_methods = {
        var m = sqlite3_io_methods()
        m.iVersion = 3
        m.xClose = { file in
            let state = FaultFile.from(file)
            let rc = state.methods.xClose!(state.inner)
            state.vfs.closed(state)
            UnsafeMutableRawPointer(file!).storeBytes(
                of: nil, toByteOffset: MemoryLayout<sqlite3_file>.stride, as: UnsafeMutableRawPointer?.self)
            Unmanaged.passUnretained(state).release()
            return rc
        }
        m.xRead = { file, buffer, amount, offset in
            let state = FaultFile.from(file)
            return state.methods.xRead!(state.inner, buffer, amount, offset)
        }
        m.xWrite = { file, buffer, amount, offset in FaultFile.from(file).vfs.write(FaultFile.from(file), buffer, amount, offset) }
        m.xTruncate = { file, size in FaultFile.from(file).vfs.truncate(FaultFile.from(file), size) }
        m.xSync = { file, flags in FaultFile.from(file).vfs.sync(FaultFile.from(file), flags) }
        m.xFileSize = { file, size in
            let state = FaultFile.from(file)
            return state.methods.xFileSize!(state.inner, size)
        }
        m.xLock = { file, level in
            let state = FaultFile.from(file)
            return state.methods.xLock!(state.inner, level)
        }
        m.xUnlock = { file, level in
            let state = FaultFile.from(file)
            return state.methods.xUnlock!(state.inner, level)
        }
        m.xCheckReservedLock = { file, out in
            let state = FaultFile.from(file)
            return state.methods.xCheckReservedLock!(state.inner, out)
        }
        m.xFileControl = { file, op, arg in
            let state = FaultFile.from(file)
            return state.methods.xFileControl!(state.inner, op, arg)
        }
        m.xSectorSize = { file in
            let state = FaultFile.from(file)
            return state.methods.xSectorSize!(state.inner)
        }
        m.xDeviceCharacteristics = { file in
            let state = FaultFile.from(file)
            return state.methods.xDeviceCharacteristics!(state.inner)
        }
        m.xShmMap = { file, page, size, extend, out in
            let state = FaultFile.from(file)
            return state.methods.xShmMap!(state.inner, page, size, extend, out)
        }
        m.xShmLock = { file, offset, count, flags in
            let state = FaultFile.from(file)
            return state.methods.xShmLock!(state.inner, offset, count, flags)
        }
        m.xShmBarrier = { file in
            let state = FaultFile.from(file)
            state.methods.xShmBarrier!(state.inner)
        }
        m.xShmUnmap = { file, deleteFlag in
            let state = FaultFile.from(file)
            return state.methods.xShmUnmap!(state.inner, state.vfs.shmUnmapFlag(deleteFlag))
        }
        m.xFetch = { file, offset, amount, out in
            let state = FaultFile.from(file)
            return state.methods.xFetch!(state.inner, offset, amount, out)
        }
        m.xUnfetch = { file, offset, pointer in
            let state = FaultFile.from(file)
            return state.methods.xUnfetch!(state.inner, offset, pointer)
        }
        return m
    }()
}
