import Hummingbird

/// `GET /rooms/{room_id}/search`: a room's live messages matching a query, newest first (see
/// `SearchParameters`, `SearchQuery`, and `SearchPage.json` for the answer).
struct SearchRoutes<Store: MessageStore, Context: RequestContext>: Sendable {
    let store: Store

    var endpoints: [Endpoint<Context>] {
        [Endpoint(path: "/rooms/{room_id}/search", method: .get, handler: search)]
    }

    @Sendable func search(_ request: Request, context: Context) async throws -> Response {
        let roomID = try PathParameters.roomID(context)
        let parameters = try SearchParameters.parse(request.uri.query)
        let search = try parameters.request(roomID: roomID)
        let page = try await store.search(search)
        return JSONResponse.make(.ok, page.json(roomID: roomID, matcher: search.matcher))
    }
}
