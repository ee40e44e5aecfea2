import Foundation
import Testing

/// msgsvc holds at most `--max-connections` HTTP connections; clients beyond it wait to be accepted
/// rather than costing the process without bound, and idle connections never starve normal clients.
@Suite("HTTP connection limit")
struct ConnectionLimitTests {
    @Test func clientsBeyondTheLimitWaitUntilAConnectionCloses() async throws {
        let service = try await ServiceProcess.start(.embedded, extraArguments: ["--max-connections", "3"])
        defer { service.cleanUp() }
        let port = service.port
        let (heldBack, afterwards): (Bool, Int) = try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                do {
                    // Three idle connections fill the limit (each is accepted once it is counted).
                    var idle = try (0..<3).map { _ in try HTTPConnection(port: port) }
                    Thread.sleep(forTimeInterval: 0.5)
                    let waiting = try HTTPConnection(port: port)
                    waiting.setReceiveTimeout(seconds: 2)
                    waiting.sendRaw(Array("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n".utf8))
                    // Not answered while the limit is reached: the read times out.
                    let heldBack = (try? waiting.readResponse()) == nil
                    // Once one idle connection goes, the waiting client is accepted and answered.
                    idle.removeLast()
                    waiting.setReceiveTimeout(seconds: 30)
                    let status = try waiting.readResponse().status
                    continuation.resume(returning: (heldBack, status))
                } catch {
                    continuation.resume(throwing: error)
                }
            }
        }
        await service.stop()
        #expect(heldBack)
        #expect(afterwards == 200)
    }

    @Test func manyIdleConnectionsDoNotStopNormalClients() async throws {
        try await withService(.embedded) { service in
            let port = service.port
            let idle: [HTTPConnection] = try await withCheckedThrowingContinuation { continuation in
                DispatchQueue.global().async {
                    do {
                        continuation.resume(returning: try (0..<300).map { _ in try HTTPConnection(port: port) })
                    } catch {
                        continuation.resume(throwing: error)
                    }
                }
            }
            for _ in 0..<20 {
                #expect(try await service.client.postJSON("/rooms/busy/messages", ["sender": "a", "content": "hi"]).status == 201)
            }
            #expect(try await service.client.get("/rooms/busy/messages?limit=50").object["messages"].map { ($0 as? [Any])?.count } == 20)
            _ = idle
        }
    }
}
