import Hummingbird
import Logging

/// One info line per request once its response head is ready: method, route template, status, duration
/// and (from the logger's metadata) the request id. Never the raw path, query or body: those carry room
/// ids, senders and content, which stay out of the logs at info.
struct RequestLogMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        do {
            let response = try await next(request, context)
            log(request, context, status: response.status.code, since: start)
            return response
        } catch {
            // The error middleware inside answers every error, so this is only what escapes it.
            log(request, context, status: 500, since: start)
            throw error
        }
    }

    private func log(_ request: Request, _ context: Context, status: Int, since start: ContinuousClock.Instant) {
        context.logger.info("request", metadata: [
            "method": .string(request.method.rawValue),
            "route": .string(RouteLabel.of(context)),
            "status": .stringConvertible(status),
            "duration_ms": .string(Self.milliseconds(ContinuousClock.now - start)),
        ])
    }

    /// Milliseconds with three decimals (microsecond resolution).
    static func milliseconds(_ duration: Duration) -> String {
        let micros = duration.components.seconds * 1_000_000 + duration.components.attoseconds / 1_000_000_000_000
        let fraction = String(micros % 1000)
        return "\(micros / 1000)." + String(repeating: "0", count: 3 - fraction.count) + fraction
    }
}
