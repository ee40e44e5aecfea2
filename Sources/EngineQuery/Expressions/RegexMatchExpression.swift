import BSON

/// `$regexMatch: {input, regex, options}`: whether the input string contains a match. A constant regex is
/// compiled once when the expression is parsed; one computed per document is compiled as it comes.
struct RegexMatchExpression: Sendable {
    enum Pattern: Sendable {
        case compiled(RegexMatcher)
        case computed(regex: Expression.Node, options: Expression.Node?)
    }

    let input: Expression.Node
    let pattern: Pattern

    init(input: Expression.Node, regex: Expression.Node, options: Expression.Node?) throws(EngineError) {
        self.input = input
        if case .literal(let regexValue) = regex, options.map({ if case .literal = $0 { true } else { false } }) ?? true {
            var optionsValue: BSONValue?
            if case .literal(let value)? = options { optionsValue = value }
            if let matcher = try Self.matcher(regexValue, optionsValue) {
                pattern = .compiled(matcher)
                return
            }
        }
        pattern = .computed(regex: regex, options: options)
    }

    /// The compiled pattern; nil when the regex is null (the result is then false).
    static func matcher(_ regex: BSONValue?, _ options: BSONValue?) throws(EngineError) -> RegexMatcher? {
        var flags = ""
        switch Arithmetic.present(options) {
        case nil: break
        case .string(let s)?: flags = s
        case let other?: throw EngineError(.regexOptionsNotString, "$regexMatch needs 'options' to be of type string, found: \(other.typeName)")
        }
        switch Arithmetic.present(regex) {
        case nil:
            return nil
        case .string(let source)?:
            return try RegexMatcher(pattern: source, options: flags)
        case .regex(let source, let inline)?:
            if !inline.isEmpty && !flags.isEmpty {
                throw EngineError(.regexOptionsInBoth, "$regexMatch: regex option(s) specified in both 'regex' and 'option' fields")
            }
            return try RegexMatcher(pattern: source, options: inline.isEmpty ? flags : inline)
        case let other?:
            throw EngineError(.regexNotString, "$regexMatch needs 'regex' to be of type string or regex, found: \(other.typeName)")
        }
    }

    static func matches(_ input: BSONValue?, _ matcher: RegexMatcher?) throws(EngineError) -> BSONValue {
        guard let value = Arithmetic.present(input) else { return .bool(false) }
        guard case .string = value else {
            throw EngineError(.regexInputNotString, "$regexMatch needs 'input' to be of type string, found: \(value.typeName)")
        }
        return .bool(matcher?.matches(value) ?? false)
    }
}
