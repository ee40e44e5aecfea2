import Hummingbird
import Logging

/// Gives each request its `RequestID`: every log line written with the request's logger carries it as
/// `request_id`, and every response echoes it in `X-Request-Id`, errors included. Outermost, so that even
/// the answers of the error middleware and the router's 404/405 carry it.
struct RequestIDMiddleware<Context: RequestContext>: RouterMiddleware {
    static var metadataKey: String { "request_id" }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let id = RequestID(offered: request.headers[RequestID.header])
        var context = context
        context.logger[metadataKey: Self.metadataKey] = .string(id.description)
        // Hummingbird's own key gets the same id rather than one of its own: one id per request. It stays,
        // because `context.id` force-unwraps it.
        context.logger[metadataKey: "hb.request.id"] = .string(id.description)
        var response = try await next(request, context)
        response.headers[RequestID.header] = id.description
        return response
    }
}
