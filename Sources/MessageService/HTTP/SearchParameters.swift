/// The query of `GET /rooms/{room_id}/search`: `q` (required, see `SearchQuery`), `sender`, `limit`
/// (1...100, default 20) and a `before` cursor from an earlier page's `next_cursor`.
struct SearchParameters: Sendable {
    static let parameterNames = ["q", "sender", "limit", "before"]
    static let defaultLimit = 20
    static let limitRange = 1...100

    var query: SearchQuery
    var sender: String?
    var limit: Int
    var before: String?

    static func parse(_ query: String?) throws -> SearchParameters {
        let parameters = try QueryParameters.parse(query, allowed: parameterNames)
        guard let q = parameters["q"] else { throw MessageValidationError(.q, .required) }
        let search = try SearchQuery(q)
        let limit = try parameters["limit"].map { text throws(MessageValidationError) in
            try ListMessagesQuery.parseLimit(text, in: limitRange)
        } ?? defaultLimit
        let sender = try parameters["sender"].map(SenderFilter.parse)
        if parameters["before"] == "" { throw MessageValidationError(.before, .empty) }
        return SearchParameters(query: search, sender: sender, limit: limit, before: parameters["before"])
    }

    func request(roomID: String) throws(MessageValidationError) -> SearchRequest {
        SearchRequest(roomID: roomID, query: query, sender: sender, limit: limit,
                      before: try before.map { cursor throws(MessageValidationError) in
                          try ListMessagesQuery.position(cursor, .before, roomID)
                      })
    }
}
