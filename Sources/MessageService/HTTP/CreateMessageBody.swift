/// The body of `POST /rooms/{room_id}/messages`: `{"sender": string, "content": string, "client_id"?: string}`.
///
/// Only the shape is checked here (JSON, object, known keys, string values); the values' rules are
/// `NewMessage`'s job.
struct CreateMessageBody: Sendable, Equatable {
    var sender: String
    var content: String
    var clientID: String?

    static func decode(_ bytes: [UInt8]) throws(RequestBodyError) -> CreateMessageBody {
        let members = try JSONObjectBody.members(bytes)

        var sender: String?
        var content: String?
        var clientID: String?
        // The parser has already refused duplicate keys, so each field is assigned at most once.
        for member in members {
            guard let field = Field(key: member.key) else { throw .unknownField(member.key) }
            switch field {
            case .sender: sender = try string(member)
            case .content: content = try string(member)
            // null is a wrong type here, not a way to say "absent".
            case .clientID: clientID = try string(member)
            }
        }
        guard let sender else { throw .missingField("sender") }
        guard let content else { throw .missingField("content") }
        return CreateMessageBody(sender: sender, content: content, clientID: clientID)
    }

    private enum Field: String, CaseIterable {
        case sender, content, clientID = "client_id"

        /// Matches bytes, not canonical equivalence as `String ==` would.
        init?(key: String) {
            guard let field = Self.allCases.first(where: { $0.rawValue.utf8.elementsEqual(key.utf8) }) else { return nil }
            self = field
        }
    }

    private static func string(_ member: JSONValue.Member) throws(RequestBodyError) -> String {
        guard case .string(let value) = member.value else {
            throw .wrongType(field: member.key, actualType: member.value.typeName)
        }
        return value
    }
}
