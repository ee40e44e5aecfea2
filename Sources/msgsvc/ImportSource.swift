import ArgumentParser
#if canImport(Glibc)
import Glibc
#endif
import NIOPosix

/// The NDJSON an import reads (a file, or standard input for `-`) and its size when it has one, for the
/// progress meter's ETA. Opened on NIO's blocking-I/O pool: opening a FIFO waits for a writer, and the
/// event loops the command runs on must never wait.
struct ImportSource: Sendable {
    let descriptor: Int32
    /// The size of a regular file; nil for a pipe, a FIFO or a terminal, whose end is not known.
    let totalBytes: Int?

    static func open(_ path: String) async throws -> ImportSource {
        try await NIOThreadPool.singleton.runIfActive {
            let descriptor = path == "-" ? STDIN_FILENO : Glibc.open(path, O_RDONLY | O_CLOEXEC)
            guard descriptor >= 0 else { throw ValidationError("cannot open \(path): \(String(cString: strerror(errno)))") }
            var status = stat()
            let isRegularFile = fstat(descriptor, &status) == 0 && (status.st_mode & S_IFMT) == S_IFREG
            return ImportSource(descriptor: descriptor, totalBytes: isRegularFile ? Int(status.st_size) : nil)
        }
    }

    /// Standard input stays open: it is not the import's to close.
    func close() {
        if descriptor != STDIN_FILENO { Glibc.close(descriptor) }
    }
}
