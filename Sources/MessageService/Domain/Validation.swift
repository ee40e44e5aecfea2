import BSON

/// The contract's rules for the values a client sends. Each check throws the first rule the value breaks.
enum Validation {
    static let maxRoomIDLength = 128
    static let maxSenderScalars = 128
    static let maxClientIDLength = 128

    /// `^[A-Za-z0-9._:-]{1,128}$`, and not "." or ".." (they would read as path navigation).
    static func checkRoomID(_ value: String) throws(MessageValidationError) {
        try checkIdentifier(value, field: .roomID, maxLength: maxRoomIDLength)
        if value == "." || value == ".." { throw MessageValidationError(.roomID, .reservedName) }
    }

    /// 1...128 of `[A-Za-z0-9._:-]`.
    static func checkClientID(_ value: String) throws(MessageValidationError) {
        try checkIdentifier(value, field: .clientID, maxLength: maxClientIDLength)
    }

    /// 1...128 Unicode scalar values, no C0, DEL or C1 control, not only White_Space.
    static func checkSender(_ value: String) throws(MessageValidationError) {
        let scalars = value.unicodeScalars
        if scalars.isEmpty { throw MessageValidationError(.sender, .empty) }
        if scalars.count > maxSenderScalars { throw MessageValidationError(.sender, .tooLong(maxScalars: maxSenderScalars)) }
        if scalars.contains(where: isControl) { throw MessageValidationError(.sender, .controlCharacter) }
        if isBlank(value) { throw MessageValidationError(.sender, .blank) }
    }

    /// At most `maxBytes` UTF-8 bytes, no NUL, not only White_Space. Other controls (newlines, tabs) are text.
    static func checkContent(_ value: String, maxBytes: Int) throws(MessageValidationError) {
        if value.utf8.isEmpty { throw MessageValidationError(.content, .empty) }
        if value.utf8.count > maxBytes { throw MessageValidationError(.content, .tooLarge(maxBytes: maxBytes)) }
        if value.utf8.contains(0) { throw MessageValidationError(.content, .nulCharacter) }
        if isBlank(value) { throw MessageValidationError(.content, .blank) }
    }

    /// Exactly 24 lowercase hex digits, the only spelling of an id the API prints.
    static func messageID(_ value: String) throws(MessageValidationError) -> ObjectId {
        guard ObjectId.isCanonicalHex(value), let id = ObjectId(hex: value) else {
            throw MessageValidationError(.id, .notAnObjectID)
        }
        return id
    }

    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }

    /// Blank means every scalar has the Unicode White_Space property (so U+00A0 and U+3000 count as blank).
    static func isBlank(_ value: String) -> Bool {
        value.unicodeScalars.allSatisfy(\.properties.isWhitespace)
    }

    private static func checkIdentifier(
        _ value: String, field: MessageValidationError.Field, maxLength: Int
    ) throws(MessageValidationError) {
        let bytes = value.utf8
        if bytes.isEmpty { throw MessageValidationError(field, .empty) }
        guard bytes.allSatisfy(isIdentifierByte) else { throw MessageValidationError(field, .disallowedCharacter) }
        // All bytes are ASCII here, so bytes and characters count alike.
        if bytes.count > maxLength { throw MessageValidationError(field, .tooLong(maxScalars: maxLength)) }
    }

    private static func isIdentifierByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"),
            UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: ":"), UInt8(ascii: "-"):
            true
        default:
            false
        }
    }
}
