import NIOCore
import NIOPosix

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The filesystem side of the Unix domain socket: clearing a stale file before binding, restricting the new
/// one to its owner, and removing it at shutdown. Only ever touches socket files.
enum UnixSocketFile {
    enum Kind { case missing, socket, other }

    static func kind(at path: String) throws(WireServerError) -> Kind {
        var status = stat()
        guard stat(path, &status) == 0 else {
            let error = errno
            if error == ENOENT { return .missing }
            throw .socketFile(path: path, operation: "stat", errno: error)
        }
        return status.st_mode & S_IFMT == S_IFSOCK ? .socket : .other
    }

    /// Removes a socket file left behind by a process that is gone. A socket someone still accepts on is not
    /// stale, and a non-socket file is not ours: both are refused rather than deleted.
    static func removeStale(at path: String, group: any EventLoopGroup) async throws {
        switch try kind(at: path) {
        case .missing: return
        case .other: throw WireServerError.socketPathNotASocket(path)
        case .socket:
            if let live = try? await ClientBootstrap(group: group).connect(unixDomainSocketPath: path).get() {
                try? await live.close()
                throw WireServerError.socketPathInUse(path)
            }
            try remove(at: path)
        }
    }

    /// Only the owning user may connect (connecting needs write permission on the file).
    static func restrictToOwner(at path: String) throws(WireServerError) {
        guard chmod(path, 0o600) == 0 else { throw .socketFile(path: path, operation: "chmod", errno: errno) }
    }

    static func remove(at path: String) throws(WireServerError) {
        guard try kind(at: path) == .socket else { return }
        guard unlink(path) == 0 || errno == ENOENT else {
            throw .socketFile(path: path, operation: "unlink", errno: errno)
        }
    }
}
