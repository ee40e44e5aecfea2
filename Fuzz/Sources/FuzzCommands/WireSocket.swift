import Glibc

/// Why talking to the engine's socket failed, with the errno that said so.
enum WireSocketError: Error, CustomStringConvertible {
    case connect(path: String, errno: Int32)
    case send(errno: Int32)
    case receive(errno: Int32)
    case badLength(Int32)

    var description: String {
        switch self {
        case .connect(let path, let code): "cannot connect to \(path): \(String(cString: strerror(code)))"
        case .send(let code): "send failed: \(String(cString: strerror(code)))"
        case .receive(let code): "receive failed: \(String(cString: strerror(code)))"
        case .badLength(let length): "reply declares messageLength \(length)"
        }
    }
}

/// A blocking client on a Unix domain socket that sends bytes and reads back whole frames. Blocking is what
/// the fuzzer wants: libFuzzer calls the test function synchronously, while the engine runs on its own
/// threads in the same process.
final class WireSocket {
    private let fd: Int32

    init(path: String) throws(WireSocketError) {
        fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw .connect(path: path, errno: errno) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let capacity = MemoryLayout.size(ofValue: address.sun_path)
        guard path.utf8.count < capacity else {
            close(fd)
            throw .connect(path: path, errno: ENAMETOOLONG)
        }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: path.utf8)
            raw[path.utf8.count] = 0
        }
        let status = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        guard status == 0 else {
            let code = errno
            close(fd)
            throw .connect(path: path, errno: code)
        }
    }

    deinit { close(fd) }

    func send(_ bytes: [UInt8]) throws(WireSocketError) {
        var sent = 0
        while sent < bytes.count {
            let count = bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress! + sent, $0.count - sent, Int32(MSG_NOSIGNAL)) }
            if count < 0 {
                if errno == EINTR { continue }
                throw .send(errno: errno)
            }
            sent += count
        }
    }

    /// Tells the server nothing more is coming, as a client that hangs up after writing does.
    func finishSending() { shutdown(fd, Int32(SHUT_WR)) }

    /// The next whole frame, or nil when the server closed the connection before sending one.
    func receiveFrame() throws(WireSocketError) -> [UInt8]? {
        guard let prefix = try receive(4) else { return nil }
        let length = prefix.withUnsafeBytes { Int32(littleEndian: $0.loadUnaligned(as: Int32.self)) }
        guard length >= 16 else { throw .badLength(length) }
        guard let rest = try receive(Int(length) - 4) else { return nil }
        return prefix + rest
    }

    /// Exactly `count` bytes, or nil if the connection ends first (a reset counts as an end).
    private func receive(_ count: Int) throws(WireSocketError) -> [UInt8]? {
        var buffer = [UInt8](repeating: 0, count: count)
        var received = 0
        while received < count {
            let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress! + received, count - received, 0) }
            if n == 0 { return nil }
            if n < 0 {
                if errno == EINTR { continue }
                if errno == ECONNRESET { return nil }
                throw .receive(errno: errno)
            }
            received += n
        }
        return buffer
    }
}
