/// The body of `PATCH /rooms/{room_id}/messages/{id}`: `{"content": string}` and nothing else.
///
/// Only the shape is checked here; the content's rules are `MessageEdit`'s, the same as a new message's.
struct EditMessageBody: Sendable, Equatable {
    var content: String

    static func decode(_ bytes: [UInt8]) throws(RequestBodyError) -> EditMessageBody {
        let members = try JSONObjectBody.members(bytes)
        var content: String?
        for member in members {
            // Bytes, not canonical equivalence as `String ==` would.
            guard member.key.utf8.elementsEqual("content".utf8) else { throw .unknownEditField(member.key) }
            guard case .string(let text) = member.value else {
                throw .wrongType(field: member.key, actualType: member.value.typeName)
            }
            content = text
        }
        guard let content else { throw .missingField("content") }
        return EditMessageBody(content: content)
    }
}
