import Hummingbird
import Logging
import ServiceLifecycle

/// The HTTP application over `store`. The store's `prepare()` (index creation) runs before the server
/// accepts connections; `services` (for example the database pool) run alongside the server. `metrics`
/// is what the service records and `GET /metrics` shows.
public func buildApplication(
    store: some MessageStore, configuration: ServiceConfiguration, logger: Logger, services: [any Service] = [],
    metrics: ServiceMetrics = .isolated()
) -> some ApplicationProtocol {
    let hub = LiveHub(store: store, settings: configuration.live, logger: logger, openStreams: metrics.liveStreams)
    var app = Application(
        router: buildRouter(store: store, configuration: configuration, logger: logger, metrics: metrics, hub: hub),
        server: .http1(configuration: .init(
            additionalChannelHandlers: [RequestDeadlineHandler(headTimeout: .seconds(configuration.requestHeadTimeoutSeconds),
                                                               bodyTimeout: .seconds(configuration.requestBodyTimeoutSeconds),
                                                               isStreamedUpload: ImportRequestHead.matches)])),
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "msgsvc",
                             availableConnectionsDelegate: .maximum(configuration.maxConnections, logger: logger)),
        // The waker is listed before the server, so it stops after the server has drained.
        services: services + [ChangeStreamWaker(store: store, hub: hub, logger: logger)],
        logger: logger)
    app.beforeServerStarts {
        try await store.prepare()
    }
    return app
}

/// The router with every endpoint of the contract, answering all errors as JSON.
public func buildRouter(
    store: some MessageStore, configuration: ServiceConfiguration, logger: Logger, metrics: ServiceMetrics = .isolated()
) -> Router<BasicRequestContext> {
    buildRouter(store: store, configuration: configuration, logger: logger, metrics: metrics,
                hub: LiveHub(store: store, settings: configuration.live, logger: logger, openStreams: metrics.liveStreams))
}

/// The router over `hub`, which the application also hands to the `ChangeStreamWaker` it runs.
func buildRouter(
    store: some MessageStore, configuration: ServiceConfiguration, logger: Logger, metrics: ServiceMetrics, hub: LiveHub
) -> Router<BasicRequestContext> {
    let endpoints = routes(store: store, configuration: configuration, hub: hub, logger: logger, metrics: metrics)
        + StaticRoutes<BasicRequestContext>().endpoints
        + MetricsRoutes<BasicRequestContext>(registry: metrics.registry).endpoints
    var table = RouteTable()
    for endpoint in endpoints { table.add(endpoint.path, method: endpoint.method) }

    let router = Router(options: .autoGenerateHeadEndpoints)
    // Added first, so they wrap every endpoint and the router's not-found answer too, outermost first: the
    // request id is echoed on every response, and the log line and metrics see the final status.
    router.add(middleware: RequestIDMiddleware())
    router.add(middleware: RequestLogMiddleware())
    router.add(middleware: RequestMetricsMiddleware(metrics: metrics.http))
    router.add(middleware: ErrorResponseMiddleware(routes: table))
    for endpoint in endpoints {
        router.on(RouterPath(endpoint.path), method: endpoint.method, use: endpoint.handler)
        logger.debug("route", metadata: ["method": "\(endpoint.method)", "path": "\(endpoint.path)"])
    }
    return router
}

/// Every endpoint over `store`. The production store is named here so that the per-request code is
/// compiled for it (specialised) rather than dispatched through the generic protocol's witness tables.
private func routes(
    store: some MessageStore, configuration: ServiceConfiguration, hub: LiveHub, logger: Logger, metrics: ServiceMetrics
) -> [Endpoint<BasicRequestContext>] {
    if let store = store as? MongoMessageStore {
        return MessageRoutes<MongoMessageStore, BasicRequestContext>(
            store: store, configuration: configuration, messagesStored: metrics.messagesStored).endpoints
            + ChangeFeedRoutes<MongoMessageStore, BasicRequestContext>(store: store, hub: hub, logger: logger).endpoints
            + HealthRoutes<MongoMessageStore, BasicRequestContext>(store: store).endpoints
            + RoomTransferRoutes<MongoMessageStore, BasicRequestContext>(
                store: store, configuration: configuration, messagesStored: metrics.messagesStored).endpoints
            + SearchRoutes<MongoMessageStore, BasicRequestContext>(store: store).endpoints
    }
    return MessageRoutes<_, BasicRequestContext>(
        store: store, configuration: configuration, messagesStored: metrics.messagesStored).endpoints
        + ChangeFeedRoutes<_, BasicRequestContext>(store: store, hub: hub, logger: logger).endpoints
        + HealthRoutes<_, BasicRequestContext>(store: store).endpoints
        + RoomTransferRoutes<_, BasicRequestContext>(
            store: store, configuration: configuration, messagesStored: metrics.messagesStored).endpoints
        + SearchRoutes<_, BasicRequestContext>(store: store).endpoints
}
