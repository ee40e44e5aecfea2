import Metrics
import Hummingbird
import Synchronization

/// Requests by method, route template and status, and their latency by method and route. Every label
/// value comes from a bounded set: the router's templates (or `unmatched`), the standard methods (or
/// `other`), and status codes.
final class HTTPMetrics: Sendable {
    static let requestsLabel = "msgsvc_http_requests_total"
    static let durationLabel = "msgsvc_http_request_duration_seconds"

    private struct SeriesKey: Hashable {
        let method: String
        let route: String
        let status: Int
    }

    private struct Series {
        let requests: Counter
        let duration: Timer
    }

    private let factory: any MetricsFactory
    /// Made once per label set: the registry's own lookup takes a lock and hashes every label each time.
    private let series = Mutex<[SeriesKey: Series]>([:])

    init(factory: any MetricsFactory) {
        self.factory = factory
    }

    func record(method: HTTPRequest.Method, route: String, status: Int, duration: Duration) {
        let key = SeriesKey(method: Self.methodLabel(method), route: route, status: status)
        let found = series.withLock { series in
            if let existing = series[key] { return existing }
            let made = Series(
                requests: Counter(
                    label: Self.requestsLabel,
                    dimensions: [("method", key.method), ("route", key.route), ("status", String(key.status))],
                    factory: factory),
                // Latency per route, not per status: a histogram per status would multiply the series.
                duration: Timer(
                    label: Self.durationLabel, dimensions: [("method", key.method), ("route", key.route)],
                    factory: factory))
            series[key] = made
            return made
        }
        found.requests.increment()
        found.duration.record(duration: duration)
    }

    /// A client can send any token as the method; only the standard ones become label values.
    static func methodLabel(_ method: HTTPRequest.Method) -> String {
        switch method {
        case .get, .head, .post, .put, .patch, .delete, .options, .connect, .trace: method.rawValue
        default: "other"
        }
    }
}
