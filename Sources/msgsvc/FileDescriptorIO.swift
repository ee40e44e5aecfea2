#if canImport(Glibc)
import Glibc
#endif
import NIOCore
import NIOPosix

/// Reads and writes of files and standard streams for the command line, run on NIO's blocking-I/O pool:
/// in msgsvc, Swift concurrency runs on the event loops (see `Msgsvc.main`), which must never block, and a
/// full pipe on standard output would block a write.
enum FileDescriptorIO {
    /// Writes all of `buffer` to `descriptor`.
    static func write(_ buffer: ByteBuffer, to descriptor: Int32) async throws {
        try await NIOThreadPool.singleton.runIfActive {
            try buffer.withUnsafeReadableBytes { bytes in
                var offset = 0
                while offset < bytes.count {
                    let written = Glibc.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                    if written < 0 {
                        if errno == EINTR { continue }
                        throw IOError(errnoCode: errno, reason: "write")
                    }
                    offset += written
                }
            }
        }
    }

    /// The chunks of `descriptor` up to its end, `chunkSize` bytes at a time.
    struct Chunks: AsyncSequence, Sendable {
        let descriptor: Int32
        // Small enough that the progress (by bytes read) moves smoothly, large enough to cost little.
        var chunkSize = 64 * 1024

        struct AsyncIterator: AsyncIteratorProtocol {
            let descriptor: Int32
            let chunkSize: Int

            mutating func next() async throws -> ByteBuffer? {
                let (descriptor, chunkSize) = (self.descriptor, self.chunkSize)
                return try await NIOThreadPool.singleton.runIfActive { () throws -> ByteBuffer? in
                    var buffer = ByteBufferAllocator().buffer(capacity: chunkSize)
                    while true {
                        var count = 0
                        _ = buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: chunkSize) { out in
                            count = Glibc.read(descriptor, out.baseAddress, chunkSize)
                            return Swift.max(0, count)
                        }
                        if count < 0 {
                            if errno == EINTR { continue }
                            throw IOError(errnoCode: errno, reason: "read")
                        }
                        return count == 0 ? nil : buffer
                    }
                }
            }
        }

        func makeAsyncIterator() -> AsyncIterator { AsyncIterator(descriptor: descriptor, chunkSize: chunkSize) }
    }
}
