import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One Server-Sent Event as a client parses it.
struct SSEEvent: Equatable {
    var id: String?
    var event: String?
    var data: String
    /// The text of a comment line (a heartbeat), when the block was only that.
    var comment: String?
}

/// A `GET` of an event stream over a plain socket, read incrementally: the test framework's clients wait
/// for the whole body, which a live stream never finishes. Blocking reads run on a Dispatch queue, off
/// Swift's cooperative threads.
final class SSEClient: @unchecked Sendable {
    private(set) var status = 0
    private(set) var headers: [String: String] = [:]
    /// The stream's fields as they arrived: events, plus `retry` values and comment lines.
    private(set) var retry: String?
    private(set) var comments: [String] = []
    /// The error body, when the status was not 200.
    private(set) var errorBody: String = ""

    private let fd: Int32
    private var raw: [UInt8] = []
    private var body: [UInt8] = []
    private var bodyEnded = false
    private static let queue = DispatchQueue(label: "SSEClient", attributes: .concurrent)

    /// `receiveBuffer`: a small socket buffer makes a client that does not read fall behind sooner.
    init(port: Int, path: String, headers extra: [(String, String)] = [], receiveBuffer: Int32? = nil) async throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        if var size = receiveBuffer {
            setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &size, socklen_t(MemoryLayout<Int32>.size))
        }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let fd = self.fd
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw POSIXError(.ECONNREFUSED) }
        var timeout = timeval(tv_sec: 20, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var head = "GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n"
        for (name, value) in extra { head += "\(name): \(value)\r\n" }
        head += "\r\n"
        _ = Array(head.utf8).withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }

        // The head.
        var headEnd: Int?
        while headEnd == nil {
            guard try await readMore() else { throw POSIXError(.ECONNRESET) }
            headEnd = raw.firstRange(of: Array("\r\n\r\n".utf8))?.upperBound
        }
        let lines = String(decoding: raw[..<headEnd!], as: UTF8.self).components(separatedBy: "\r\n")
        raw.removeSubrange(..<headEnd!)
        status = Int(lines[0].split(separator: " ")[1])!
        var parsed: [String: String] = [:]
        for line in lines.dropFirst() where line.contains(":") {
            let colon = line.firstIndex(of: ":")!
            parsed[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        headers = parsed
        if status != 200 {
            while let length = Int(headers["content-length"] ?? "0"), raw.count < length, try await readMore() {}
            errorBody = String(decoding: raw, as: UTF8.self)
        }
    }

    deinit { close(fd) }

    /// Closes the connection, as a browser does when it drops a stream.
    func disconnect() { shutdown(fd, Int32(SHUT_RDWR)) }

    /// The next event (comments and retry fields are recorded on the way), or nil when the stream ended.
    func next(includingComments: Bool = false) async throws -> SSEEvent? {
        while true {
            if let end = body.firstRange(of: [0x0A, 0x0A]) {
                let block = String(decoding: body[..<end.lowerBound], as: UTF8.self)
                body.removeSubrange(..<end.upperBound)
                var event = SSEEvent(data: "")
                var isEvent = false
                for line in block.split(separator: "\n", omittingEmptySubsequences: false) {
                    if line.hasPrefix(":") { comments.append(String(line.dropFirst())); continue }
                    let (name, value) = line.firstIndex(of: ":").map {
                        (String(line[..<$0]), String(line[line.index(after: $0)...]).replacingOccurrences(of: "^ ", with: "", options: .regularExpression))
                    } ?? (String(line), "")
                    switch name {
                    case "id": event.id = value; isEvent = true
                    case "event": event.event = value; isEvent = true
                    case "data": event.data = value; isEvent = true
                    case "retry": retry = value
                    default: break
                    }
                }
                if isEvent { return event }
                if includingComments, let comment = comments.last, block.hasPrefix(":") {
                    return SSEEvent(data: "", comment: comment)
                }
                continue
            }
            if bodyEnded { return nil }
            try await decodeChunk()
        }
    }

    /// Moves one chunk of the chunked body into `body`.
    private func decodeChunk() async throws {
        var lineEnd = raw.firstRange(of: [0x0D, 0x0A])
        while lineEnd == nil {
            guard try await readMore() else { bodyEnded = true; return }
            lineEnd = raw.firstRange(of: [0x0D, 0x0A])
        }
        let size = Int(String(decoding: raw[..<lineEnd!.lowerBound], as: UTF8.self), radix: 16) ?? 0
        while raw.count < lineEnd!.upperBound + size + 2 {
            guard try await readMore() else { bodyEnded = true; return }
        }
        body += raw[lineEnd!.upperBound..<(lineEnd!.upperBound + size)]
        raw.removeSubrange(..<(lineEnd!.upperBound + size + 2))
        if size == 0 {
            bodyEnded = true
            sawLastChunk = true
        }
    }

    /// Whether the server ended the body with its last chunk (a clean end), once the stream is over.
    private(set) var sawLastChunk = false
    var endedCleanly: Bool { sawLastChunk }

    private func readMore() async throws -> Bool {
        let fd = self.fd
        let bytes: [UInt8]? = await withCheckedContinuation { continuation in
            Self.queue.async {
                var buffer = [UInt8](repeating: 0, count: 65536)
                let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
                continuation.resume(returning: count > 0 ? Array(buffer[..<count]) : nil)
            }
        }
        guard let bytes else { return false }
        raw += bytes
        return true
    }
}
