import Hummingbird
import Logging

/// A room's change feed: pages of it (`/changes`) and a live stream of it (`/live`, Server-Sent Events).
struct ChangeFeedRoutes<Store: MessageStore, Context: RequestContext>: Sendable {
    let store: Store
    let hub: LiveHub
    let logger: Logger

    var endpoints: [Endpoint<Context>] {
        [
            Endpoint(path: "/rooms/{room_id}/changes", method: .get, handler: changes),
            Endpoint(path: "/rooms/{room_id}/live", method: .get, handler: live),
        ]
    }

    @Sendable func changes(_ request: Request, context: Context) async throws -> Response {
        let roomID = try PathParameters.roomID(context)
        let query = try ChangesQuery.parse(request.uri.query)
        let page = try await store.changes(ChangesRequest(roomID: roomID, after: query.after, limit: query.limit))
        return JSONResponse.make(.ok, page.json(after: query.after))
    }

    /// Starts after `Last-Event-ID` (what EventSource sends when it reconnects, so it wins over the
    /// query it reconnects with), else after `after`, else at the room's latest change.
    @Sendable func live(_ request: Request, context: Context) async throws -> Response {
        let roomID = try PathParameters.roomID(context)
        let parameters = try QueryParameters.parse(request.uri.query, allowed: ["after"])
        var after = try parameters["after"].map { text throws(MessageValidationError) in try ChangeNumber.parse(text, field: .after) }
        let resumeFrom = request.headers[values: .lastEventID]
        guard resumeFrom.count <= 1 else { throw MessageServiceError.invalidArgument("Last-Event-ID must be given once") }
        if let header = resumeFrom.first { after = try ChangeNumber.parse(header, field: .lastEventID) }
        guard let slot = hub.reserve() else {
            throw MessageServiceError.unavailable("too many live streams are open; retry shortly", retryAfterSeconds: 5)
        }
        let start: Int64
        if let after { start = after } else { start = try await store.lastChange(roomID: roomID) }
        let stream = LiveStream(hub: hub, store: store, roomID: roomID, start: start, slot: slot, logger: logger)
        var headers = HTTPFields()
        headers[.contentType] = ServerSentEvents.contentType
        headers[.cacheControl] = "no-store"
        headers[.xAccelBuffering] = "no"
        return Response(status: .ok, headers: headers, body: ResponseBody { writer in try await stream.run(&writer) })
    }
}
