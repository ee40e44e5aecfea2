/// Why one line of an import was not taken, reported with its line number while the other lines go on.
enum ImportLineError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Longer than the line limit; the import skipped to its end without keeping it.
    case tooLong(maxBytes: Int)
    case malformed(JSONSyntaxError)
    case notAnObject(actualType: String)
    case unknownField(String)
    case missingField(String)
    case wrongType(field: String, expected: String, actualType: String)
    /// Not an RFC 3339 date-time.
    case invalidTime(field: String)
    /// A member that contradicts the line's deleted state, e.g. content in a tombstone.
    case inconsistent(String)
    case invalid(MessageValidationError)
    /// The store already holds something that rules the line out (another room's id, a client_id conflict).
    case refused(ImportRefusal)

    static let allowedFields = "id, room_id, seq, change, sender, content, timestamp, edited_at, client_id, deleted, deleted_at"

    var description: String {
        switch self {
        case .tooLong(let max): "line is longer than \(max) bytes"
        case .malformed(let error): "line is \(error)"
        case .notAnObject(let type): "line must be a JSON object, not \(type == "array" ? "an" : "a") \(type)"
        case .unknownField(let name): "unknown field \(ClientText.quoted(name)); allowed: \(Self.allowedFields)"
        case .missingField(let name): "\(name) is required"
        case .wrongType(let field, let expected, let type): "\(field) must be \(expected), not \(type)"
        case .invalidTime(let field): "\(field) must be an RFC 3339 date-time such as 2026-11-20T22:54:03.071Z"
        case .inconsistent(let detail): detail
        case .invalid(let error): error.description
        case .refused(let refusal): refusal.description
        }
    }
}
