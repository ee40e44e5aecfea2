import BSON
@testable import DocEngine
import Foundation
import MongoPool
import Prometheus
import Testing

/// What the engine records for /metrics: commands by name (unknown ones as "other"), group-commit sizes
/// and durations.
@Suite struct EngineMetricsTests {
    private struct Sample {
        var name: String
        var labels: String
        var value: Double
    }

    /// `name{labels} value` lines of the registry's text output.
    private func samples(_ registry: PrometheusCollectorRegistry) -> [Sample] {
        registry.emitToString().split(separator: "\n").compactMap { line in
            guard !line.hasPrefix("#"), let space = line.lastIndex(of: " "), let value = Double(line[line.index(after: space)...])
            else { return nil }
            let series = line[..<space]
            let brace = series.firstIndex(of: "{") ?? series.endIndex
            return Sample(name: String(series[..<brace]), labels: String(series[brace...]), value: value)
        }
    }

    private func value(_ samples: [Sample], _ name: String, labels: String = "") -> Double? {
        samples.first { $0.name == name && $0.labels == labels }?.value
    }

    @Test func countsCommandsByNameAndRecordsEachGroupCommit() async throws {
        let registry = PrometheusCollectorRegistry()
        let harness = try await EngineHarness.start(metricsFactory: PrometheusMetricsFactory(registry: registry))
        defer { harness.removeData() }
        let before = samples(registry)
        let insertsBefore = value(before, "msgsvc_engine_commands_total", labels: #"{command="insert"}"#) ?? -1
        let commitsBefore = value(before, "msgsvc_engine_commit_batch_size_count") ?? 0
        let jobsBefore = value(before, "msgsvc_engine_commit_batch_size_sum") ?? 0

        for index in 0..<3 {
            _ = try await harness.client.insert(["i": .int32(Int32(index))], into: harness.namespace("m"))
        }
        // Unknown to the engine: answered with an error, counted as "other", not under its own name.
        _ = try? await harness.command(["noSuchCommand-from-a-client": 1])
        let after = samples(registry)
        await harness.stop()

        #expect(value(after, "msgsvc_engine_commands_total", labels: #"{command="insert"}"#) == insertsBefore + 3)
        #expect(value(after, "msgsvc_engine_commands_total", labels: #"{command="other"}"#) == 1)
        #expect(!after.contains { $0.labels.contains("noSuchCommand") })
        // The three inserts ran one after another: three write jobs in as many commits (or fewer, if the
        // collection's creation shared one), each recorded with its duration.
        let commits = try #require(value(after, "msgsvc_engine_commit_batch_size_count")) - commitsBefore
        let jobs = try #require(value(after, "msgsvc_engine_commit_batch_size_sum")) - jobsBefore
        #expect(commits >= 1)
        #expect(jobs >= 3)
        #expect(value(after, "msgsvc_engine_commit_duration_seconds_count") == value(after, "msgsvc_engine_commit_batch_size_count"))
    }
}
