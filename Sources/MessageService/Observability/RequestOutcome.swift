import Hummingbird

/// How a request ended, as the request log and the request metrics report it: its method, route template,
/// final status and how long its response head took.
struct RequestOutcome {
    let method: HTTPRequest.Method
    let route: String
    let status: Int
    let duration: Duration

    /// Runs `next` and gives `report` the outcome: the response's status, or 500 for an error that escaped
    /// (the error middleware inside answers every error, so that is only what it could not), rethrown after.
    static func observing<Context: RequestContext>(
        _ request: Request, _ context: Context, next: (Request, Context) async throws -> Response,
        report: (RequestOutcome) -> Void
    ) async throws -> Response {
        let start = ContinuousClock.now
        func outcome(_ status: Int) -> RequestOutcome {
            RequestOutcome(method: request.method, route: RouteLabel.of(context), status: status,
                           duration: ContinuousClock.now - start)
        }
        do {
            let response = try await next(request, context)
            report(outcome(response.status.code))
            return response
        } catch {
            report(outcome(500))
            throw error
        }
    }
}
