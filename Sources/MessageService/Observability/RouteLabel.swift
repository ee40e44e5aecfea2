import Hummingbird

/// The route a request matched, as its template (`/rooms/{room_id}/messages`), for labels and logs: never
/// the raw path, which carries room ids and message ids and would make one series per room.
enum RouteLabel {
    /// Every request the router had no handler for (unknown path, or a known path with another method).
    static let unmatched = "unmatched"

    /// The router records the matched template in the context; its not-found responder records "NotFound".
    static func of(_ context: some RequestContext) -> String {
        guard let path = context.endpointPath, path != "NotFound" else { return unmatched }
        return path
    }
}
