import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A `GET` of a live stream held open on its own socket, read as raw bytes: enough to wait for an event's
/// text and to tell a cleanly ended stream (the last chunk) from a cut one.
final class EventStream: @unchecked Sendable {
    private let fd: Int32
    private(set) var received: [UInt8] = []
    private(set) var closedByPeer = false

    init(port: Int, path: String, headers: [(String, String)] = []) throws {
        let fd = try connectLoopback(port: port)
        self.fd = fd
        var timeout = timeval(tv_sec: 0, tv_usec: 200_000)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var head = "GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        head += "\r\n"
        _ = Array(head.utf8).withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
    }

    deinit { close(fd) }

    var text: String { String(decoding: received, as: UTF8.self) }

    /// Reads until the stream's text contains `marker` (true) or 30 s pass or the peer closes (false).
    func waitFor(_ marker: String) async -> Bool {
        let deadline = ContinuousClock.now + .seconds(30)
        while !text.contains(marker) {
            if closedByPeer || ContinuousClock.now > deadline { return false }
            await readSome()
        }
        return true
    }

    /// Reads until the peer closes; true when the body ended with HTTP's last chunk, a clean end.
    func readToEnd() async -> Bool {
        let deadline = ContinuousClock.now + .seconds(30)
        while !closedByPeer && ContinuousClock.now < deadline { await readSome() }
        return text.hasSuffix("\r\n0\r\n\r\n")
    }

    /// One bounded read (200 ms at most) on a Dispatch thread, off Swift's cooperative pool.
    private func readSome() async {
        let fd = self.fd
        let bytes: [UInt8]? = await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                var buffer = [UInt8](repeating: 0, count: 65536)
                let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
                if count > 0 { continuation.resume(returning: Array(buffer[..<count])) }
                else if count == 0 || (errno != EAGAIN && errno != EWOULDBLOCK) { continuation.resume(returning: nil) }
                else { continuation.resume(returning: []) }
            }
        }
        if let bytes { received += bytes } else { closedByPeer = true }
    }
}
