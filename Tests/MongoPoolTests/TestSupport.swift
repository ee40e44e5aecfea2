import BSON
import Dispatch
import Glibc
@testable import MongoPool

/// A TCP port on 127.0.0.1 where nothing listens: bound by the kernel's choice, then closed.
func unusedLocalPort() -> UInt16 {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    precondition(fd >= 0, "socket() failed")
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    address.sin_port = 0
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafeMutablePointer(to: &address) { pointer in
        pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { generic in
            bind(fd, generic, length) == 0 && getsockname(fd, generic, &length) == 0
        }
    }
    precondition(bound, "bind() failed")
    return UInt16(bigEndian: address.sin_port)
}

/// A client for 127.0.0.1 at a port where nothing listens, failing server selection after 300 ms.
func unreachableClient(
    poolSize: Int = 4, waitQueueTimeout: Duration? = nil, password: String = "Hunter22Zq9"
) throws -> MongoClient {
    let uri = try MongoURI(
        "mongodb://msgsvc:\(password)@127.0.0.1:\(unusedLocalPort())/chat?serverSelectionTimeoutMS=300")
    return try MongoClient(settings: MongoClientSettings(
        uri: uri, poolSize: poolSize, waitQueueTimeout: waitQueueTimeout))
}

/// An operation that holds its pooled connection until released, to fill the pool on purpose.
struct BlockingOperation: MongoOperation {
    let started: AsyncStream<Void>.Continuation
    let release: DispatchSemaphore

    func run(on client: OpaquePointer) throws(MongoError) -> Bool {
        started.yield()
        release.wait()
        return true
    }
}

/// The name of the calling thread (NIOThreadPool names its threads "TP-#<n>"), as Linux reports it.
func currentThreadName() -> String {
    guard let file = fopen("/proc/thread-self/comm", "r") else { return "" }
    defer { fclose(file) }
    var buffer = [UInt8](repeating: 0, count: 64)
    let count = fread(&buffer, 1, buffer.count, file)
    return String(decoding: buffer[..<count], as: UTF8.self).trimmingSuffix("\n")
}

extension String {
    func trimmingSuffix(_ suffix: String) -> String { hasSuffix(suffix) ? String(dropLast(suffix.count)) : self }
}
