import BSON
import Foundation
import MongoPool
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// A blocking TCP client for sending bytes no driver would send.
final class RawConnection: @unchecked Sendable {
    let fd: Int32

    init(port: Int) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let rc = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard rc == 0 else { throw POSIXError(.ECONNREFUSED) }
        // Generous: under a full parallel test run on two cores the engine can take seconds to answer.
        var timeout = timeval(tv_sec: 60, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    }

    deinit { close(fd) }

    func send(_ bytes: [UInt8]) {
        _ = bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
    }

    /// Blocking socket calls run on a GCD thread: blocking the few concurrency-pool threads would starve
    /// the in-process engine under test.
    func offloaded<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(returning: body()) }
        }
    }

    func isClosedByPeerAsync() async -> Bool { await offloaded { self.isClosedByPeer() } }

    func receive() async -> [UInt8] {
        await offloaded {
            var buffer = [UInt8](repeating: 0, count: 4096)
            let n = recv(self.fd, &buffer, buffer.count, 0)
            return n > 0 ? Array(buffer[..<n]) : []
        }
    }

    /// True when the server closed the connection (read returns 0 or a reset) within the timeout.
    func isClosedByPeer() -> Bool {
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = recv(fd, &buffer, buffer.count, 0)
            if n == 0 { return true }
            if n < 0 { return errno == ECONNRESET }
        }
    }

    /// One OP_MSG with a kind-0 body.
    static func opMsg(_ body: Document, requestID: Int32 = 1) -> [UInt8] {
        let payload: [UInt8] = [0, 0, 0, 0, 0] + body.bytes
        return header(length: 16 + payload.count, requestID: requestID, opCode: 2013) + payload
    }

    static func header(length: Int, requestID: Int32, opCode: Int32) -> [UInt8] {
        func le(_ v: Int32) -> [UInt8] { withUnsafeBytes(of: v.littleEndian) { Array($0) } }
        return le(Int32(truncatingIfNeeded: length)) + le(requestID) + le(0) + le(opCode)
    }
}

@Suite("Hostile bytes close only the offending connection")
struct RawSocketTests {
    @Test func garbageTruncatedOversizedAndUnknownFramesCloseOnlyThatConnection() async throws {
        try await withEngine { engine in
            let ns = engine.namespace("alive")
            _ = try await engine.client.insert(["_id": 0], into: ns)
            let bystander = try RawConnection(port: engine.port)

            let cases: [(String, [UInt8])] = [
                ("garbage", Array("GET / HTTP/1.1\r\nHost: x\r\n\r\n".utf8)),
                ("length below header size", RawConnection.header(length: 8, requestID: 1, opCode: 2013)),
                ("oversized length", RawConnection.header(length: 48_000_001, requestID: 1, opCode: 2013)),
                ("unknown opcode", RawConnection.header(length: 16, requestID: 1, opCode: 9999) ),
                ("invalid BSON body", RawConnection.header(length: 16 + 5 + 5, requestID: 1, opCode: 2013)
                    + [0, 0, 0, 0, 0] + [5, 0, 0, 0, 1]),
                ("section overruns frame", RawConnection.header(length: 16 + 4 + 1 + 4, requestID: 1, opCode: 2013)
                    + [0, 0, 0, 0, 0] + [200, 0, 0, 0]),
            ]
            for (name, bytes) in cases {
                let connection = try RawConnection(port: engine.port)
                connection.send(bytes)
                #expect(await connection.isClosedByPeerAsync(), "\(name) should close the connection")
                // Everyone else is still served.
                let found = try await engine.client.find(["_id": 0], in: ns)
                #expect(found.count == 1, "after \(name)")
            }

            // A truncated frame followed by the client hanging up does not disturb the server either.
            do {
                let truncated = try RawConnection(port: engine.port)
                truncated.send(Array(RawConnection.opMsg(["ping": 1, "$db": "admin"]).prefix(20)))
            }

            // The connection opened before all this still works.
            bystander.send(RawConnection.opMsg(["ping": 1, "$db": "admin"], requestID: 77))
            let buffer = await bystander.receive()
            #expect(buffer.count > 16)
            let responseTo = buffer[8..<12].withUnsafeBytes { $0.loadUnaligned(as: Int32.self) }
            #expect(Int32(littleEndian: responseTo) == 77)
            _ = try await engine.client.insert(["_id": 1], into: ns)
        }
    }
}
