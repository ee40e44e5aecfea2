import Hummingbird

/// One method on one path and what answers it. Routes are declared as a list of these so the router and
/// the 405 table are built from the same place.
struct Endpoint<Context: RequestContext>: Sendable {
    var path: String
    var method: HTTPRequest.Method
    var handler: @Sendable (Request, Context) async throws -> Response
}
