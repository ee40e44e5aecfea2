import Hummingbird
import Logging

/// Answers every failure in the API's error shape: our own errors, Hummingbird's (routing, body limits),
/// 405 with `Allow` for a known path with the wrong method, and a generic 500 for anything unexpected,
/// whose detail is logged but never sent.
struct ErrorResponseMiddleware<Context: RequestContext>: RouterMiddleware {
    let routes: RouteTable

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound {
            // Thrown by the router when it has no handler for this method and path.
            if let allowed = routes.allowedMethods(forPath: request.uri.path) {
                return MessageServiceError.methodNotAllowed(request.method, allowed: allowed).response
            }
            return MessageServiceError.notFound("no resource at this path").response
        } catch {
            guard let mapped = MessageServiceError.mapping(error) else {
                context.logger.error(
                    "unexpected error while serving request",
                    metadata: ["method": "\(request.method)", "path": "\(request.uri.path)", "error": "\(String(reflecting: error))"])
                return MessageServiceError.internal.response
            }
            if mapped.code == .unavailable {
                context.logger.warning("database unavailable", metadata: ["error": "\(mapped.message)"])
            } else {
                context.logger.debug("request refused", metadata: ["error": "\(mapped)"])
            }
            return mapped.response
        }
    }
}
