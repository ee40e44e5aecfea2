#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import Synchronization

/// An exclusive `flock` on `engine.lock` in the data directory, held while a `DocumentStore` is open.
/// flock belongs to the open file description, so a second open in the same process conflicts too, and
/// the kernel drops it when the process dies: a crash never leaves a stale lock behind.
final class DataDirectoryLock: Sendable {
    static let fileName = "engine.lock"

    let path: String
    private let descriptor: Mutex<Int32?>

    init(directory: String) throws(StoreOpenError) {
        path = (directory as NSString).appendingPathComponent(Self.fileName)
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw .lockFailed(path: path, errno: errno) }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            let code = errno
            let owner = Self.recordedPID(fd)
            close(fd)
            if code == EWOULDBLOCK { throw .directoryLocked(directory: directory, ownerPID: owner) }
            throw .lockFailed(path: path, errno: code)
        }
        // The pid is only a hint for the next opener's error message; the lock itself is the flock.
        let text = Array("\(getpid())\n".utf8)
        if ftruncate(fd, 0) == 0 { _ = text.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) } }
        descriptor = Mutex(fd)
    }

    /// Releases the lock. The file stays: removing it would let a newcomer lock a fresh inode while an
    /// old opener still holds the previous one.
    func release() {
        descriptor.withLock { descriptor in
            guard let fd = descriptor else { return }
            close(fd)
            descriptor = nil
        }
    }

    deinit { release() }

    private static func recordedPID(_ fd: Int32) -> Int32? {
        var buffer = [UInt8](repeating: 0, count: 32)
        let count = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, 0) }
        guard count > 0 else { return nil }
        let text = String(decoding: buffer[..<count], as: UTF8.self)
        return Int32(text.trimmingCharacters(in: .whitespacesAndNewlines))
    }
}
