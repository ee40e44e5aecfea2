import BSON

/// Reads one NDJSON line of an import: a line of an export, or a bare `{sender, content, timestamp?,
/// client_id?}`. Strict like a POST body: well-formed JSON, an object, known members of the right types,
/// values validated as a POST's are. `room_id`, `seq` and `change` are read for their type only (see
/// `ImportedMessage`). A tombstone (`deleted: true`) needs `deleted_at` and has no `content`.
enum ImportLine {
    static func parse(_ bytes: [UInt8], maxContentBytes: Int) throws(ImportLineError) -> ImportedMessage {
        let value: JSONValue
        do {
            value = try StrictJSONParser.parse(bytes)
        } catch {
            throw .malformed(error)
        }
        guard case .object(let members) = value else { throw .notAnObject(actualType: value.typeName) }

        var fields = Fields()
        for member in members { try fields.read(member) }
        guard let sender = fields.sender else { throw .missingField("sender") }
        if fields.deleted {
            guard fields.deletedAt != nil else { throw .inconsistent("a deleted message (deleted: true) needs deleted_at") }
            if fields.content != nil { throw .inconsistent("a deleted message has no content") }
            if fields.editedAt != nil { throw .inconsistent("a deleted message has no edited_at") }
        } else {
            if fields.deletedAt != nil { throw .inconsistent("deleted_at is only for a deleted message (deleted: true)") }
            if fields.content == nil { throw .missingField("content") }
        }
        do {
            return try ImportedMessage(
                id: fields.id, sender: sender, content: fields.content, timestamp: fields.timestamp,
                clientID: fields.clientID, editedAt: fields.editedAt, deletedAt: fields.deletedAt,
                maxContentBytes: maxContentBytes)
        } catch {
            throw .invalid(error)
        }
    }

    private struct Fields {
        var id: ObjectId?
        var sender: String?
        var content: String?
        var clientID: String?
        var timestamp: Int64?
        var editedAt: Int64?
        var deletedAt: Int64?
        var deleted = false

        /// The members a line may have, matched as CreateMessageBody matches its own: by bytes, not by
        /// canonical equivalence as `String ==` would, and without an array per key.
        private enum Key: String, CaseIterable {
            case id, sender, content, timestamp, deleted, seq, change
            case clientID = "client_id", editedAt = "edited_at", deletedAt = "deleted_at", roomID = "room_id"

            init?(_ key: String) {
                guard let found = Self.allCases.first(where: { $0.rawValue.utf8.elementsEqual(key.utf8) }) else { return nil }
                self = found
            }
        }

        /// The parser has already refused duplicate keys, so each member is read at most once.
        mutating func read(_ member: JSONValue.Member) throws(ImportLineError) {
            guard let key = Key(member.key) else { throw .unknownField(member.key) }
            switch key {
            case .id:
                let text = try string(member)
                do { id = try Validation.messageID(text) } catch { throw .invalid(error) }
            case .sender: sender = try string(member)
            case .content: content = try string(member)
            case .clientID: clientID = try string(member)
            case .timestamp: timestamp = try time(member)
            case .editedAt: editedAt = try time(member)
            case .deletedAt: deletedAt = try time(member)
            case .deleted:
                guard case .bool(let value) = member.value else {
                    throw .wrongType(field: member.key, expected: "a boolean", actualType: member.value.typeName)
                }
                deleted = value
            case .roomID: _ = try string(member)
            case .seq, .change:
                guard case .number = member.value else {
                    throw .wrongType(field: member.key, expected: "a number", actualType: member.value.typeName)
                }
            }
        }

        private func string(_ member: JSONValue.Member) throws(ImportLineError) -> String {
            guard case .string(let value) = member.value else {
                throw .wrongType(field: member.key, expected: "a string", actualType: member.value.typeName)
            }
            return value
        }

        /// Only years 0000-9999 (RFC 3339's), in UTC after the offset: the API prints every time in that
        /// form, and a later year would also stamp every later post in the room (max(now, last)) with it.
        private func time(_ member: JSONValue.Member) throws(ImportLineError) -> Int64 {
            guard let milliseconds = RFC3339.parse(try string(member)), RFC3339.fourDigitYears.contains(milliseconds) else {
                throw .invalidTime(field: member.key)
            }
            return milliseconds
        }
    }
}
