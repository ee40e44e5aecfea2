import Hummingbird
import Prometheus

/// `GET /metrics`: every metric of the registry in Prometheus's text exposition format (version 0.0.4).
struct MetricsRoutes<Context: RequestContext>: Sendable {
    static var contentType: String { "text/plain; version=0.0.4; charset=utf-8" }

    let registry: PrometheusCollectorRegistry

    var endpoints: [Endpoint<Context>] {
        [Endpoint(path: "/metrics", method: .get, handler: scrape)]
    }

    @Sendable func scrape(_ request: Request, context: Context) async throws -> Response {
        _ = try QueryParameters.parse(request.uri.query, allowed: [])
        var headers = HTTPFields()
        headers[.contentType] = Self.contentType
        // Metrics change between scrapes: a cache must never answer for the service.
        headers[.cacheControl] = "no-store"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: registry.emitToBuffer())))
    }
}
