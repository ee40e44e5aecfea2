import CoreMetrics
import Metrics
import Prometheus

/// The service's own metrics, and the registry that `GET /metrics` shows. Recorded through swift-metrics
/// with an explicit factory rather than the process-wide one, so that every application built in one
/// process (as the tests do) counts for itself. msgsvc passes the factory it bootstrapped the process
/// with, so the pool's and the engine's metrics show in the same registry.
public struct ServiceMetrics: Sendable {
    static let messagesStoredLabel = "msgsvc_messages_stored_total"
    static let liveStreamsLabel = "msgsvc_live_streams"

    public let registry: PrometheusCollectorRegistry
    let http: HTTPMetrics
    /// New messages stored (a retried POST that found its original is not one).
    let messagesStored: CoreMetrics.Counter
    /// Live streams open now.
    let liveStreams: CoreMetrics.Gauge

    public init(factory: PrometheusMetricsFactory) {
        registry = factory.registry
        http = HTTPMetrics(factory: factory)
        messagesStored = CoreMetrics.Counter(label: Self.messagesStoredLabel, factory: factory)
        liveStreams = CoreMetrics.Gauge(label: Self.liveStreamsLabel, factory: factory)
        // Shown from the start: a scrape before the first message or stream reads 0, not "no data".
        liveStreams.record(0)
    }

    /// Metrics in a registry of their own.
    public static func isolated() -> ServiceMetrics {
        ServiceMetrics(factory: PrometheusMetricsFactory(registry: PrometheusCollectorRegistry()))
    }
}
