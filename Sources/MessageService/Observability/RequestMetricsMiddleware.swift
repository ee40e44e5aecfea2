import Hummingbird

/// Counts every request by method, route template and final status, and records how long its response
/// head took (for a live stream: until the stream starts, not its whole life). Named apart from
/// Hummingbird's `MetricsMiddleware`, which records through the global metrics system only, labels a miss
/// as "NotFound" and records no latency for errors.
struct RequestMetricsMiddleware<Context: RequestContext>: RouterMiddleware {
    let metrics: HTTPMetrics

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        try await RequestOutcome.observing(request, context, next: next) { outcome in
            metrics.record(method: outcome.method, route: outcome.route, status: outcome.status, duration: outcome.duration)
        }
    }
}
