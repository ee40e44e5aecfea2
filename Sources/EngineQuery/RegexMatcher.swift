import BSON

/// A `$regex` compiled once. MongoDB uses PCRE; this uses Swift's regex engine with Unicode-scalar
/// semantics, which agrees on the common syntax (classes, anchors, quantifiers, groups,
/// lookaround) but not on every PCRE extension.
final class RegexMatcher: @unchecked Sendable {
    // Regex<AnyRegexOutput> is not declared Sendable, but matching only reads it: its compiled
    // program is created once behind an atomic lazy reference, so sharing one across threads is safe.
    let pattern: String
    let options: String
    private let regex: Regex<AnyRegexOutput>

    init(pattern: String, options: String) throws(EngineError) {
        if pattern.utf8.contains(0) {
            throw EngineError(.badValue, "Regular expression cannot contain an embedded null byte")
        }
        var inline = ""
        for flag in options {
            switch flag {
            case "i", "m", "s", "x": inline.append(flag)
            case "u": break  // PCRE's UTF mode; always on here.
            default: throw EngineError(.invalidRegexOption, "invalid flag in regex options: \(flag)")
            }
        }
        let source = inline.isEmpty ? pattern : "(?\(inline))" + pattern
        do {
            regex = try Regex(source).matchingSemantics(.unicodeScalar)
        } catch {
            throw EngineError(.invalidRegex, "Regular expression is invalid: \(error)")
        }
        self.pattern = pattern
        self.options = options
    }

    /// A string matches if the expression is found anywhere in it; a stored regex matches only the
    /// identical regex, as in MongoDB.
    func matches(_ value: BSONValue) -> Bool {
        switch value {
        case .string(let s):
            return s.contains(regex)
        case .regex(let p, let o):
            return BSONOrder.equalUTF8(p, pattern) && BSONOrder.equalUTF8(o, options)
        default:
            return false
        }
    }
}
