import Hummingbird
import Logging

/// One info line per request once its response head is ready: method, route template, status, duration
/// and (from the logger's metadata) the request id. Never the raw path, query or body: those carry room
/// ids, senders and content, which stay out of the logs at info.
struct RequestLogMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        try await RequestOutcome.observing(request, context, next: next) { outcome in
            context.logger.info("request", metadata: [
                "method": .string(outcome.method.rawValue),
                "route": .string(outcome.route),
                "status": .stringConvertible(outcome.status),
                "duration_ms": .string(Self.milliseconds(outcome.duration)),
            ])
        }
    }

    /// Milliseconds with three decimals (microsecond resolution).
    static func milliseconds(_ duration: Duration) -> String {
        let micros = duration.components.seconds * 1_000_000 + duration.components.attoseconds / 1_000_000_000_000
        let fraction = String(micros % 1000)
        return "\(micros / 1000)." + String(repeating: "0", count: 3 - fraction.count) + fraction
    }
}
