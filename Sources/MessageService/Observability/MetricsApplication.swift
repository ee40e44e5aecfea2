import Hummingbird
import Logging
import Prometheus

/// An HTTP server with `GET /metrics` alone, for a process that serves no API of its own (`msgsvc engine
/// --metrics-port`). Other paths get the API's JSON 404/405.
public func buildMetricsApplication(
    registry: PrometheusCollectorRegistry, host: String, port: Int, logger: Logger
) -> some ApplicationProtocol {
    let endpoints = MetricsRoutes<BasicRequestContext>(registry: registry).endpoints
    var table = RouteTable()
    for endpoint in endpoints { table.add(endpoint.path, method: endpoint.method) }
    let router = Router(options: .autoGenerateHeadEndpoints)
    router.add(middleware: ErrorResponseMiddleware(routes: table))
    for endpoint in endpoints { router.on(RouterPath(endpoint.path), method: endpoint.method, use: endpoint.handler) }
    return Application(
        router: router, configuration: .init(address: .hostname(host, port: port), serverName: "msgsvc-engine"),
        logger: logger)
}
