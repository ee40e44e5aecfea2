#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// The file-system steps that make a new file durable under its final name: its bytes synced before the
/// name appears, and the directory synced after, so a crash leaves either no file or the whole file.
enum DurableFile {
    static func sync(_ path: String, directory: Bool = false) throws(StoreMaintenanceError) {
        let fd = open(path, O_RDONLY | O_CLOEXEC | (directory ? O_DIRECTORY : 0))
        guard fd >= 0 else { throw .fileSystem(operation: "open", path: path, errno: errno) }
        defer { close(fd) }
        guard fsync(fd) == 0 else { throw .fileSystem(operation: "fsync", path: path, errno: errno) }
    }

    /// Gives the synced `temporary` the name `final` without ever replacing an existing file: `link`
    /// fails with EEXIST where `rename` would overwrite. On a file system without hard links (vfat, some
    /// network mounts) it falls back to checking, then renaming.
    static func publish(_ temporary: String, as final: String) throws(StoreMaintenanceError) {
        try sync(temporary)
        if link(temporary, final) == 0 {
            unlink(temporary)
        } else {
            let code = errno
            guard code == EPERM || code == ENOTSUP || code == EOPNOTSUPP else {
                throw code == EEXIST ? .targetExists(path: final) : .fileSystem(operation: "link", path: final, errno: code)
            }
            guard access(final, F_OK) != 0 else { throw .targetExists(path: final) }
            guard rename(temporary, final) == 0 else { throw .fileSystem(operation: "rename", path: final, errno: errno) }
        }
        try sync(parent(of: final), directory: true)
    }

    /// Creates an empty file only its owner can read: a backup holds every message, and SQLite would
    /// create it readable by all. (`VACUUM INTO` accepts an empty file and keeps its mode.)
    static func createPrivate(_ path: String) throws(StoreMaintenanceError) {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw .fileSystem(operation: "create", path: path, errno: errno) }
        close(fd)
    }

    static func parent(of path: String) -> String {
        let parent = (path as NSString).deletingLastPathComponent
        return parent.isEmpty ? "." : parent
    }

    /// A name beside `final` for the file being written, unique to this process.
    static func temporaryName(for final: String) -> String {
        "\(final).partial-\(getpid())"
    }
}
