import Dispatch
import Prometheus
import Testing
@testable import MongoPool

/// The pool's gauges follow connections in use and operations waiting for one.
@Suite(.timeLimit(.minutes(2))) struct PoolMetricsTests {
    private func gauges(_ registry: PrometheusCollectorRegistry) -> (inUse: String?, waiters: String?, size: String?) {
        let lines = registry.emitToString().split(separator: "\n")
        func value(_ name: String) -> String? {
            lines.first { $0.hasPrefix(name + " ") }.map { String($0.dropFirst(name.count + 1)) }
        }
        return (value("msgsvc_pool_connections_in_use"), value("msgsvc_pool_waiters"), value("msgsvc_pool_connections"))
    }

    @Test func showConnectionsInUseAndWaiters() async throws {
        let registry = PrometheusCollectorRegistry()
        let uri = try MongoURI("mongodb://127.0.0.1:\(unusedLocalPort())/chat?serverSelectionTimeoutMS=300")
        let client = try MongoClient(
            settings: MongoClientSettings(uri: uri, poolSize: 1), metricsFactory: PrometheusMetricsFactory(registry: registry))
        #expect(gauges(registry) == ("0.0", "0.0", "1.0"))

        let release = DispatchSemaphore(value: 0)
        let (started, startedContinuation) = AsyncStream<Void>.makeStream()
        let holder = Task { try await client.execute(BlockingOperation(started: startedContinuation, release: release)) }
        for await _ in started { break }
        #expect(gauges(registry) == ("1.0", "0.0", "1.0"))

        let second = DispatchSemaphore(value: 0)
        let (secondStarted, secondContinuation) = AsyncStream<Void>.makeStream()
        let waiting = Task { try await client.execute(BlockingOperation(started: secondContinuation, release: second)) }
        // Queued behind the holder as soon as its task runs; polled, not timed.
        for _ in 0..<2000 where gauges(registry).waiters != "1.0" { try await Task.sleep(for: .milliseconds(5)) }
        #expect(gauges(registry) == ("1.0", "1.0", "1.0"))

        release.signal()
        #expect(try await holder.value)
        for await _ in secondStarted { break }
        #expect(gauges(registry) == ("1.0", "0.0", "1.0"), "the slot passed straight to the waiter")
        second.signal()
        #expect(try await waiting.value)
        #expect(gauges(registry) == ("0.0", "0.0", "1.0"))
        await client.close()
    }
}
