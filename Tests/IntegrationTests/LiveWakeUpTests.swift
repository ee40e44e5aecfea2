import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// How `/live` learns of changes on each deployment: by polling where there are no change streams (the
/// embedded engine, `msgsvc engine`, standalone MongoDB), woken by a change stream on a replica set.
@Suite struct LiveWakeUpTests {
    static let fallbackLine = "change streams unavailable on this deployment; following rooms by polling every 100 ms"

    @Test("without change streams, msgsvc says so once and /live follows by polling",
          arguments: [Backend.embedded, .standaloneEngine])
    func fallsBackToPollingAndSaysSoOnce(backend: Backend) async throws {
        let service = try await ServiceProcess.start(backend, extraArguments: ["--log-level", "info"])
        defer { service.cleanUp() }
        do {
            let stream = try EventStream(port: service.port, path: "/rooms/poll/live")
            _ = try await service.client.postJSON("/rooms/poll/messages", ["sender": "a", "content": "polled"])
            #expect(await stream.waitFor("id: 1\nevent: message\n"))
        } catch {
            await service.stop()
            print("msgsvc log:\n\(service.service?.log ?? "")")
            throw error
        }
        await service.stop()
        let log = service.service?.log ?? ""
        #expect(log.components(separatedBy: Self.fallbackLine).count - 1 == 1, "\(log)")
        #expect(!log.contains("following rooms by change stream"))
    }

    /// MONGO_URI names a replica set (its `replicaSet=` option, or MSGSVC_TEST_REPLICA_SET=1).
    static var replicaSetGiven: Bool {
        let environment = ProcessInfo.processInfo.environment
        guard let uri = environment["MONGO_URI"], !uri.isEmpty else { return false }
        return uri.contains("replicaSet=") || environment["MSGSVC_TEST_REPLICA_SET"] == "1"
    }

    /// With polling every 10 s (the longest allowed), a change written through instance A reaches a
    /// subscriber of instance B: B says it follows rooms by change stream, and every message arrives.
    @Test("on a replica set, a change through one instance wakes another's subscriber",
          .enabled(if: replicaSetGiven, "needs MONGO_URI naming a replica set (replicaSet=… or MSGSVC_TEST_REPLICA_SET=1)"))
    func changeStreamWakesAnotherInstance() async throws {
        let writer = try await ServiceProcess.start(.external, extraArguments: ["--live-poll-ms", "10000"])
        defer { writer.cleanUp() }
        let reader = ServiceProcess(backend: .embedded)
        defer { reader.cleanUp() }
        do {
            try await reader.start(extraArguments: ["--uri", try #require(writer.uri), "--live-poll-ms", "10000",
                                                    "--log-level", "info"])
            let stream = try EventStream(port: reader.port, path: "/rooms/wake/live")
            for index in 1...3 {
                _ = try await writer.client.postJSON("/rooms/wake/messages", ["sender": "a", "content": "m\(index)"])
                #expect(await stream.waitFor("id: \(index)\nevent: message\n"))
            }
            #expect(reader.service?.log.contains("following rooms by change stream; polling every 10000 ms as a safety net") == true)
            #expect(reader.service?.log.contains("change streams unavailable") == false)
        } catch {
            print("reader log:\n\(reader.service?.log ?? "")\nwriter log:\n\(writer.service?.log ?? "")")
            await reader.stop()
            await writer.stop()
            throw error
        }
        await reader.stop()
        await writer.stop()
    }
}
