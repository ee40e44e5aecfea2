import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// SIGKILL in the middle of concurrent posting: after a restart on the same data directory, every
/// acknowledged message is there, pageable, and a retry of its client_id returns the original.
@Suite("Crash durability on the embedded engine")
struct CrashTests {
    @Test func acknowledgedMessagesSurviveSigkill() async throws {
        let service = try await ServiceProcess.start(.embedded)
        defer { service.cleanUp() }
        let client = service.client
        let acknowledged = AcknowledgedLog()
        let writers = Task {
            await withTaskGroup(of: Void.self) { group in
                for worker in 0..<8 {
                    group.addTask {
                        for i in 0..<10_000 {
                            let clientID = "w\(worker)-\(i)"
                            guard let response = try? await client.postJSON(
                                "/rooms/crash/messages", ["sender": "s", "content": clientID, "client_id": clientID]),
                                response.status == 201 || response.status == 200,
                                let id = response.object["id"] as? String
                            else { return }
                            acknowledged.record(clientID: clientID, id: id)
                        }
                    }
                }
            }
        }
        while acknowledged.count < 300 { try await Task.sleep(for: .milliseconds(10)) }
        service.service?.signal(SIGKILL)
        _ = await service.service?.waitForExit()
        await writers.value
        let before = acknowledged.snapshot

        try await service.start()
        let stored = try await walkBackward(client, room: "crash", limit: 100)
        let storedSet = Set(stored)
        let lost = before.values.filter { !storedSet.contains($0) }
        print("crash: \(before.count) acknowledged, \(lost.count) lost, \(stored.count) stored")
        #expect(lost.isEmpty)
        #expect(stored.count == storedSet.count)
        for (clientID, id) in before.prefix(50) {
            let retry = try await client.postJSON("/rooms/crash/messages", ["sender": "s", "content": clientID, "client_id": clientID])
            #expect(retry.status == 200)
            #expect(retry.object["id"] as? String == id)
        }
        await service.stop()
    }
}

final class AcknowledgedLog: @unchecked Sendable {
    private let lock = NSLock()
    private var entries: [String: String] = [:]

    func record(clientID: String, id: String) { lock.withLock { entries[clientID] = id } }
    var count: Int { lock.withLock { entries.count } }
    var snapshot: [String: String] { lock.withLock { entries } }
}
