import BSON

/// A `FieldPredicate` prepared for evaluation: operands checked, regexes compiled, `$in` lists indexed,
/// and negations expressed as `not` so each leaf only answers "does this one value match".
indirect enum CompiledPredicate: Sendable {
    case compare(ValueComparison)
    case membership(MembershipSet)
    case exists
    case not(CompiledPredicate)
    case and([CompiledPredicate])
    case regex(RegexMatcher)
    case type([BSONTypeSelector])
    case size(Int)
    case elemMatchObject(CompiledNode)
    case elemMatchValue([CompiledPredicate])
    case mod(divisor: Int64, remainder: Int64)
    case never

    init(_ predicate: FieldPredicate) throws(EngineError) {
        switch predicate {
        case .eq(let v): self = .compare(ValueComparison(.eq, v))
        case .ne(let v): self = .not(.compare(ValueComparison(.eq, v)))
        case .gt(let v): self = .compare(ValueComparison(.gt, v))
        case .gte(let v): self = .compare(ValueComparison(.gte, v))
        case .lt(let v): self = .compare(ValueComparison(.lt, v))
        case .lte(let v): self = .compare(ValueComparison(.lte, v))
        case .in(let list): self = .membership(try MembershipSet(list))
        case .nin(let list): self = .not(.membership(try MembershipSet(list)))
        case .exists(let present): self = present ? .exists : .not(.exists)
        case .not(let inner): self = .not(try CompiledPredicate(inner))
        case .and(let inner): self = .and(try Self.compileAll(inner))
        case .regex(let pattern, let options): self = .regex(try RegexMatcher(pattern: pattern, options: options))
        case .type(let selectors): self = .type(selectors)
        case .size(let n): self = .size(n)
        case .all(let values):
            if values.isEmpty {
                self = .never
            } else {
                var parts: [CompiledPredicate] = []
                for value in values {
                    if case .regex(let pattern, let options) = value {
                        parts.append(.regex(try RegexMatcher(pattern: pattern, options: options)))
                    } else {
                        parts.append(.compare(ValueComparison(.eq, value)))
                    }
                }
                self = .and(parts)
            }
        case .elemMatchObject(let node): self = .elemMatchObject(try CompiledNode(node))
        case .elemMatchValue(let inner): self = .elemMatchValue(try Self.compileAll(inner))
        case .mod(let divisor, let remainder):
            if divisor == 0 { throw EngineError(.badValue, "divisor cannot be 0") }
            self = .mod(divisor: divisor, remainder: remainder)
        }
    }

    private static func compileAll(_ predicates: [FieldPredicate]) throws(EngineError) -> [CompiledPredicate] {
        var out: [CompiledPredicate] = []
        for predicate in predicates { out.append(try CompiledPredicate(predicate)) }
        return out
    }

    /// Whether the predicate holds for the values `path` reaches in `document`. Negations and
    /// conjunctions apply to the whole set of reached values; leaves hold if any one value matches.
    func matches(_ document: Document, at path: FieldPath) -> Bool {
        switch self {
        case .not(let inner):
            return !inner.matches(document, at: path)
        case .and(let inner):
            return inner.allSatisfy { $0.matches(document, at: path) }
        case .never:
            return false
        default:
            return PathTraversal.visit(document, path, expandLeafArrays: expandsLeafArrays) { matches(value: $0) }
        }
    }

    /// $size and $elemMatch look at a trailing array as a whole, not at its elements.
    var expandsLeafArrays: Bool {
        switch self {
        case .size, .elemMatchObject, .elemMatchValue: false
        default: true
        }
    }

    /// Whether one reached value (nil: missing) satisfies the predicate.
    func matches(value: BSONValue?) -> Bool {
        switch self {
        case .compare(let comparison):
            return comparison.matches(value)
        case .membership(let set):
            return set.contains(value)
        case .exists:
            if case .none = value { return false }
            return true
        case .not(let inner):
            return !inner.matches(value: value)
        case .and(let inner):
            return inner.allSatisfy { $0.matches(value: value) }
        case .regex(let regex):
            return value.map(regex.matches) ?? false
        case .type(let selectors):
            guard let value else { return false }
            return selectors.contains { $0.matches(value) }
        case .size(let n):
            guard case .array(let items)? = value else { return false }
            return items.count == n
        case .elemMatchObject(let node):
            guard case .array(let items)? = value else { return false }
            return items.contains { item in
                switch item {
                case .document(let element): node.matches(element)
                case .array(let inner): node.matches(Document.arrayDocument(inner))
                default: false
                }
            }
        case .elemMatchValue(let inner):
            guard case .array(let items)? = value else { return false }
            return items.contains { item in inner.allSatisfy { $0.matches(value: item) } }
        case .mod(let divisor, let remainder):
            guard let value, let dividend = Self.modDividend(value) else { return false }
            // Int64.min % -1 overflows; every integer is divisible by -1.
            return (divisor == -1 ? 0 : dividend % divisor) == remainder
        case .never:
            return false
        }
    }

    /// Numbers rounded toward zero; NaN, infinities and values beyond Int64 never match $mod.
    private static func modDividend(_ value: BSONValue) -> Int64? {
        guard value.isNumber else { return nil }
        return FilterParser.truncatedInteger(value)
    }
}
