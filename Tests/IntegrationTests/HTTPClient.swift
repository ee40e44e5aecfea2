import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// An HTTP/1.1 response as the test saw it on the wire.
struct HTTPResponse: Sendable {
    let status: Int
    let headers: [(name: String, value: String)]
    let body: [UInt8]

    func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    var json: Any? { try? JSONSerialization.jsonObject(with: Data(body)) }
    var object: [String: Any] { json as? [String: Any] ?? [:] }
    var errorCode: String? { (object["error"] as? [String: Any])?["code"] as? String }
    var text: String { String(decoding: body, as: UTF8.self) }
}

/// A deliberately small HTTP/1.1 client over a blocking socket, so tests control every byte (bad UTF-8,
/// missing headers, duplicate parameters) and can reuse one connection across requests.
final class HTTPConnection: @unchecked Sendable {
    private let fd: Int32
    private var buffer: [UInt8] = []

    init(port: Int) throws {
        fd = try connectLoopback(port: port)
        var timeout = timeval(tv_sec: 30, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    }

    deinit { close(fd) }

    func sendRaw(_ bytes: [UInt8]) {
        var sent = 0
        while sent < bytes.count {
            let n = bytes[sent...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if n <= 0 { return }
            sent += n
        }
    }

    func request(_ method: String, _ target: String, headers: [(String, String)] = [], body: [UInt8]? = nil) throws -> HTTPResponse {
        var head = "\(method) \(target) HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        if let body, !headers.contains(where: { $0.0.lowercased() == "content-length" }) {
            head += "Content-Length: \(body.count)\r\n"
        }
        head += "\r\n"
        sendRaw(Array(head.utf8) + (body ?? []))
        return try readResponse()
    }

    func readResponse() throws -> HTTPResponse {
        let headEnd = try readUntil([13, 10, 13, 10])
        let headText = String(decoding: buffer[..<headEnd], as: UTF8.self)
        buffer.removeFirst(headEnd + 4)
        var lines = headText.components(separatedBy: "\r\n")
        let statusLine = lines.removeFirst().split(separator: " ")
        guard statusLine.count >= 2, let status = Int(statusLine[1]) else { throw HTTPClientError.malformed(headText) }
        let headers = lines.compactMap { line -> (String, String)? in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            return (String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
        }
        let response = { (body: [UInt8]) in HTTPResponse(status: status, headers: headers, body: body) }
        if let length = headers.first(where: { $0.0.lowercased() == "content-length" }).flatMap({ Int($0.1) }) {
            try fill(length)
            defer { buffer.removeFirst(length) }
            return response(Array(buffer[..<length]))
        }
        if headers.contains(where: { $0.0.lowercased() == "transfer-encoding" && $0.1.lowercased().contains("chunked") }) {
            var body: [UInt8] = []
            while true {
                let lineEnd = try readUntil([13, 10])
                let size = Int(String(decoding: buffer[..<lineEnd], as: UTF8.self).split(separator: ";")[0], radix: 16) ?? 0
                buffer.removeFirst(lineEnd + 2)
                try fill(size + 2)
                body += buffer[..<size]
                buffer.removeFirst(size + 2)
                if size == 0 { return response(body) }
            }
        }
        return response([])
    }

    /// How long a read waits before failing (the default is 30 s).
    func setReceiveTimeout(seconds: Int) {
        var timeout = timeval(tv_sec: seconds, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    }

    /// Closes the sending side only (a TCP half-close): the server sees the end of the request stream.
    func shutdownWrite() { _ = shutdown(fd, Int32(SHUT_WR)) }

    /// True when the server has closed the connection (EOF) within the receive timeout.
    func isClosedByPeer() -> Bool {
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = recv(fd, &chunk, chunk.count, 0)
            if n == 0 { return true }
            if n < 0 { return errno == ECONNRESET }
        }
    }

    private func readUntil(_ marker: [UInt8]) throws -> Int {
        while true {
            if let range = buffer.firstRange(of: marker) { return range.lowerBound }
            try receive()
        }
    }

    private func fill(_ count: Int) throws {
        while buffer.count < count { try receive() }
    }

    private func receive() throws {
        var chunk = [UInt8](repeating: 0, count: 65536)
        let n = recv(fd, &chunk, chunk.count, 0)
        guard n > 0 else { throw HTTPClientError.closed(errno: n < 0 ? errno : 0, received: buffer.count) }
        buffer += chunk[..<n]
    }
}

enum HTTPClientError: Error {
    /// The server closed the connection (errno 0) or the read failed, after `received` unread bytes.
    case closed(errno: Int32, received: Int)
    case malformed(String)
}

/// Convenience for JSON requests on a fresh connection, off the cooperative thread pool.
struct HTTPClient: Sendable {
    let port: Int

    func send(_ method: String, _ target: String, headers: [(String, String)] = [], body: [UInt8]? = nil) async throws -> HTTPResponse {
        let port = self.port
        return try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                do {
                    let connection = try HTTPConnection(port: port)
                    continuation.resume(returning: try connection.request(method, target, headers: headers, body: body))
                } catch {
                    continuation.resume(throwing: error)
                }
            }
        }
    }

    func get(_ target: String) async throws -> HTTPResponse { try await send("GET", target) }

    func postJSON(_ target: String, _ object: [String: Any]) async throws -> HTTPResponse {
        let body = try JSONSerialization.data(withJSONObject: object)
        return try await send("POST", target, headers: [("Content-Type", "application/json")], body: Array(body))
    }

    func post(_ target: String, raw: String, contentType: String? = "application/json") async throws -> HTTPResponse {
        try await send("POST", target, headers: contentType.map { [("Content-Type", $0)] } ?? [], body: Array(raw.utf8))
    }
}
