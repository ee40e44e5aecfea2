/// Why a request body is not acceptable JSON text, and the byte offset where that became clear.
struct JSONSyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
    enum Reason: Sendable, Equatable {
        case unexpectedEnd
        case unexpectedByte(UInt8)
        case invalidUTF8
        case loneSurrogate
        case invalidEscape
        case unescapedControlCharacter
        case invalidNumber
        case duplicateKey(String)
        case tooDeep(maxDepth: Int)
        case trailingContent
    }

    let reason: Reason
    let offset: Int

    var description: String {
        let what: String =
            switch reason {
            case .unexpectedEnd: "unexpected end of input"
            case .unexpectedByte(let byte): "unexpected byte 0x\(String(byte, radix: 16, uppercase: true))"
            case .invalidUTF8: "invalid UTF-8"
            case .loneSurrogate: "a \\u escape encodes an unpaired UTF-16 surrogate"
            case .invalidEscape: "invalid escape sequence"
            case .unescapedControlCharacter: "control character in a string must be escaped"
            case .invalidNumber: "invalid number"
            case .duplicateKey(let key): "duplicate key \(ClientText.quoted(key))"
            case .tooDeep(let max): "nesting deeper than \(max) levels"
            case .trailingContent: "content after the JSON value"
            }
        return "malformed JSON at byte \(offset): \(what)"
    }
}
