import BSON

/// The query of `GET /rooms/{room_id}/messages`: `limit` (1...1000, default 50), `before` and `after`
/// cursors, `sender` (only that sender's messages), and `around` (a message id: that message and its
/// neighbours, see `AroundPage`; not with a cursor).
struct ListMessagesQuery: Sendable, Equatable {
    static let parameterNames = ["limit", "before", "after", "sender", "around"]
    static let defaultLimit = 50
    static let limitRange = 1...1000

    var limit: Int
    /// The cursors exactly as given, to decode against the room and to echo back.
    var before: String?
    var after: String?
    var sender: String?
    var around: ObjectId?

    static func parse(_ query: String?) throws -> ListMessagesQuery {
        let parameters = try QueryParameters.parse(query, allowed: parameterNames)
        let limit = try parameters["limit"].map(parseLimit) ?? defaultLimit
        for (name, field) in [("before", MessageValidationError.Field.before), ("after", .after)] where parameters[name] == "" {
            throw MessageValidationError(field, .empty)
        }
        let sender = try parameters["sender"].map(SenderFilter.parse)
        let around = try parameters["around"].map(AroundPage.messageID)
        if around != nil && (parameters["before"] != nil || parameters["after"] != nil) {
            throw MessageValidationError(.around, .notCombinableWith(["before", "after"]))
        }
        return ListMessagesQuery(limit: limit, before: parameters["before"], after: parameters["after"],
                                 sender: sender, around: around)
    }

    /// The store request, with the cursors checked against the room they claim to belong to.
    func pageRequest(roomID: String) throws(MessageValidationError) -> PageRequest {
        PageRequest(
            roomID: roomID, limit: limit,
            before: try before.map { cursor throws(MessageValidationError) in try Self.position(cursor, .before, roomID) },
            after: try after.map { cursor throws(MessageValidationError) in try Self.position(cursor, .after, roomID) },
            sender: sender)
    }

    static func parseLimit(_ text: String) throws(MessageValidationError) -> Int {
        try parseLimit(text, in: limitRange)
    }

    /// A plain decimal: digits only, no sign, no leading zero, no spaces, within `limitRange`.
    static func parseLimit(_ text: String, in limitRange: ClosedRange<Int>) throws(MessageValidationError) -> Int {
        let digits = Array(text.utf8)
        if digits.isEmpty { throw MessageValidationError(.limit, .empty) }
        guard digits.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }),
            digits.count == 1 || digits[0] != UInt8(ascii: "0")
        else { throw MessageValidationError(.limit, .notADecimalInteger) }
        // More digits than the maximum has cannot be in range (and might not fit an Int).
        guard digits.count <= String(limitRange.upperBound).count, let value = Int(text), limitRange.contains(value) else {
            throw MessageValidationError(.limit, .outOfRange(limitRange))
        }
        return value
    }

    static func position(
        _ cursor: String, _ field: MessageValidationError.Field, _ roomID: String
    ) throws(MessageValidationError) -> Position {
        do {
            return try CursorCodec.decode(cursor, roomID: roomID)
        } catch {
            throw MessageValidationError(field, .invalidCursor)
        }
    }
}
