import Hummingbird

/// Counts every request by method, route template and final status, and records how long its response
/// head took (for a live stream: until the stream starts, not its whole life). Named apart from
/// Hummingbird's `MetricsMiddleware`, which records through the global metrics system only, labels a miss
/// as "NotFound" and records no latency for errors.
struct RequestMetricsMiddleware<Context: RequestContext>: RouterMiddleware {
    let metrics: HTTPMetrics

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        do {
            let response = try await next(request, context)
            metrics.record(method: request.method, route: RouteLabel.of(context), status: response.status.code,
                           duration: ContinuousClock.now - start)
            return response
        } catch {
            metrics.record(method: request.method, route: RouteLabel.of(context), status: 500,
                           duration: ContinuousClock.now - start)
            throw error
        }
    }
}
