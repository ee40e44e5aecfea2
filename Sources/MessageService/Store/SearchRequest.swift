/// One page of a room's search results: the newest `limit` live messages strictly older than `before`
/// (from the newest when nil) whose content matches `query`, and only `sender`'s when given.
public struct SearchRequest: Sendable {
    var roomID: String
    var query: SearchQuery
    var sender: String?
    var limit: Int
    var before: Position?
    /// The query's matcher, built once per request (it tokenizes and stems every term): the store filters
    /// candidates with it and the route marks highlights with it.
    let matcher: SearchMatcher

    init(roomID: String, query: SearchQuery, sender: String? = nil, limit: Int, before: Position? = nil) {
        self.roomID = roomID
        self.query = query
        self.matcher = SearchMatcher(query)
        self.sender = sender
        self.limit = limit
        self.before = before
    }

}
