/// The query of `GET /rooms/{room_id}/changes`: `after` (a change number ≥ 0, default 0) and `limit`
/// (as for history: 1...1000, default 50).
struct ChangesQuery: Sendable, Equatable {
    static let parameterNames = ["after", "limit"]

    var after: Int64
    var limit: Int

    static func parse(_ query: String?) throws -> ChangesQuery {
        let parameters = try QueryParameters.parse(query, allowed: parameterNames)
        let limit = try parameters["limit"].map(ListMessagesQuery.parseLimit) ?? ListMessagesQuery.defaultLimit
        let after = try parameters["after"].map { text throws(MessageValidationError) in try ChangeNumber.parse(text, field: .after) } ?? 0
        return ChangesQuery(after: after, limit: limit)
    }
}
