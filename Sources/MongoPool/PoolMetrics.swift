import Metrics

/// The pool's gauges: connections (operations) in use, operations waiting for one, and the pool's size,
/// so that "in use = size with waiters above 0" (a saturated pool) shows before requests fail with 503.
struct PoolMetrics: Sendable {
    static let inUseLabel = "msgsvc_pool_connections_in_use"
    static let waitersLabel = "msgsvc_pool_waiters"
    static let sizeLabel = "msgsvc_pool_connections"

    private let inUse: Gauge
    private let waiters: Gauge

    init(size: Int, factory: any MetricsFactory) {
        inUse = Gauge(label: Self.inUseLabel, factory: factory)
        waiters = Gauge(label: Self.waitersLabel, factory: factory)
        Gauge(label: Self.sizeLabel, factory: factory).record(size)
        publish(running: 0, waiting: 0)
    }

    /// Called under the gate's lock, so that concurrent changes cannot publish out of order.
    func publish(running: Int, waiting: Int) {
        inUse.record(running)
        waiters.record(waiting)
    }
}
