import Hummingbird

/// Liveness (the process serves) and readiness (the database answers).
struct HealthRoutes<Store: MessageStore, Context: RequestContext>: Sendable {
    let store: Store

    var endpoints: [Endpoint<Context>] {
        [
            Endpoint(path: "/healthz", method: .get, handler: health),
            Endpoint(path: "/readyz", method: .get, handler: ready),
        ]
    }

    @Sendable func health(_ request: Request, context: Context) async throws -> Response {
        _ = try QueryParameters.parse(request.uri.query, allowed: [])
        return JSONResponse.make(.ok, Self.status("ok"))
    }

    @Sendable func ready(_ request: Request, context: Context) async throws -> Response {
        _ = try QueryParameters.parse(request.uri.query, allowed: [])
        do {
            try await store.ping()
        } catch let error as MessageStoreError {
            if case .unavailable = error { throw error }
            context.logger.warning("readiness ping failed", metadata: ["error": "\(error)"])
            throw MessageServiceError.unavailable("the database does not answer")
        } catch {
            // Whatever stops the ping, the service is not ready: 503, with the cause in the log only.
            context.logger.warning("readiness ping failed", metadata: ["error": "\(String(reflecting: error))"])
            throw MessageServiceError.unavailable("the database does not answer")
        }
        if let reason = store.writesRefusedReason {
            // Still ready: reads are served. The body says that writes are not.
            var degraded = JSONWriter()
            degraded.string("status", "degraded")
            degraded.string("reads", "ok")
            degraded.string("writes", "refused")
            degraded.string("reason", reason)
            return JSONResponse.make(.ok, degraded)
        }
        return JSONResponse.make(.ok, Self.status("ready"))
    }

    private static func status(_ value: String) -> JSONWriter {
        var object = JSONWriter()
        object.string("status", value)
        return object
    }
}
