/// A value from the client broke one of the contract's rules; `field` names the value, `reason` the rule.
public struct MessageValidationError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Field: String, Sendable {
        case roomID = "room_id"
        case sender
        case content
        case clientID = "client_id"
        case id
        case limit
        case before
        case after
        case lastEventID = "Last-Event-ID"
        case q
        case around
    }

    public enum Reason: Sendable, Equatable {
        case empty
        case tooLong(maxScalars: Int)
        case tooLarge(maxBytes: Int)
        case blank
        case controlCharacter
        case nulCharacter
        case disallowedCharacter
        case reservedName
        case notAnObjectID
        case notADecimalInteger
        case outOfRange(ClosedRange<Int>)
        case invalidCursor
        case notAChangeNumber
        case invalidPercentEncoding
        case required
        case tooManyTerms(max: Int)
        case noSearchableWord
        case notCombinableWith([String])
    }

    public let field: Field
    public let reason: Reason

    public init(_ field: Field, _ reason: Reason) {
        self.field = field
        self.reason = reason
    }

    public var description: String {
        let rule: String =
            switch reason {
            case .empty: "must not be empty"
            case .tooLong(let max): "must be at most \(max) characters (Unicode scalar values)"
            case .tooLarge(let max): "must be at most \(max) bytes of UTF-8"
            case .blank: "must not be blank"
            case .controlCharacter: "must not contain control characters"
            case .nulCharacter: "must not contain NUL characters"
            case .disallowedCharacter: "may only contain the characters A-Z a-z 0-9 . _ : -"
            case .reservedName: "must not be \".\" or \"..\""
            case .notAnObjectID: "must be 24 lowercase hexadecimal digits"
            case .notADecimalInteger: "must be a decimal integer without sign or leading zeros"
            case .outOfRange(let range): "must be between \(range.lowerBound) and \(range.upperBound)"
            case .invalidCursor: "is not a valid cursor for this room"
            case .notAChangeNumber: "is not a change number (at most \(Int64.max))"
            case .invalidPercentEncoding: "has invalid percent-encoding"
            case .required: "is required"
            case .tooManyTerms(let max): "must have at most \(max) terms (words, phrases and exclusions)"
            case .noSearchableWord:
                "must contain a word or phrase to search for that is not a stop word (like \"the\") or punctuation"
            case .notCombinableWith(let others): "cannot be combined with \(others.joined(separator: " or "))"
            }
        return "\(field.rawValue) \(rule)"
    }
}
