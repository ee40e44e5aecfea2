import DocEngine
import Metrics
import Prometheus

/// The process's one metrics registry, and swift-metrics bootstrapped onto it, so that anything in the
/// process recording through swift-metrics shows in `GET /metrics`. swift-metrics takes one bootstrap
/// per process: only `msgsvc serve` calls this, once.
enum ProcessMetrics {
    static func bootstrap() -> PrometheusMetricsFactory {
        var factory = PrometheusMetricsFactory(registry: PrometheusCollectorRegistry())
        // Finer than the library's 5 ms to 10 s: most requests on the embedded engine take well under 5 ms.
        factory.defaultDurationHistogramBuckets = [
            .microseconds(500), .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10),
            .milliseconds(25), .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500),
            .seconds(1), .milliseconds(2500), .seconds(5), .seconds(10),
        ]
        // Jobs per group commit: 1 when writes come one at a time, more under concurrency.
        factory.valueHistogramBuckets[EngineMetrics.batchSizeLabel] = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512]
        MetricsSystem.bootstrap(factory)
        return factory
    }
}
