import BSON

/// Turns a filter document into a `FilterNode`, rejecting what MongoDB rejects with its messages.
enum FilterParser {
    /// Top-level operators MongoDB knows but this engine does not run.
    private static let unsupportedTopLevel: Set<String> = ["$where", "$text", "$jsonSchema", "$sampleRate"]
    /// Field operators MongoDB knows but this engine does not run.
    private static let unsupportedField: Set<String> = [
        "$near", "$nearSphere", "$geoWithin", "$geoIntersects", "$within", "$bitsAllSet", "$bitsAllClear",
        "$bitsAnySet", "$bitsAnyClear", "$jsonSchema",
    ]
    /// Operators that take a path; a document starting with one of them inside `$all` is rejected.
    private static let fieldOperators: Set<String> = Set([
        "$eq", "$ne", "$gt", "$gte", "$lt", "$lte", "$in", "$nin", "$exists", "$not", "$regex",
        "$options", "$type", "$size", "$all", "$elemMatch", "$mod",
    ]).union(unsupportedField)
    private static let logicalOperators: Set<String> = ["$and", "$or", "$nor"]

    /// `topLevel` is false inside `$elemMatch`, where `$expr` is not allowed.
    static func parse(_ document: Document, topLevel: Bool = true) throws(EngineError) -> FilterNode {
        var children: [FilterNode] = []
        for (key, value) in document.elements {
            if key == "$expr" {
                guard topLevel else { throw EngineError(.badValue, "$expr can only be applied to the top-level document") }
                children.append(.expr(try Expression(value)))
            } else if key.hasPrefix("$") {
                if let node = try parseTopLevelOperator(key, value, topLevel: topLevel) { children.append(node) }
            } else {
                children.append(.field(path: key, try parseFieldValue(path: key, value)))
            }
        }
        switch children.count {
        case 0: return .alwaysTrue
        case 1: return children[0]
        default: return .and(children)
        }
    }

    private static func parseTopLevelOperator(_ name: String, _ value: BSONValue, topLevel: Bool) throws(EngineError) -> FilterNode? {
        if logicalOperators.contains(name) {
            guard case .array(let items) = value else { throw EngineError(.badValue, "\(name) must be an array") }
            guard !items.isEmpty else { throw EngineError(.badValue, "$and/$or/$nor must be a nonempty array") }
            var nodes: [FilterNode] = []
            for item in items {
                guard case .document(let sub) = item else {
                    throw EngineError(.badValue, "$or/$and/$nor entries need to be full objects")
                }
                nodes.append(try parse(sub, topLevel: topLevel))
            }
            switch name {
            case "$and": return .and(nodes)
            case "$or": return .or(nodes)
            default: return .nor(nodes)
            }
        }
        if name == "$comment" { return nil }
        if name == "$text" { return .text(try TextQuery(value)) }
        if unsupportedTopLevel.contains(name) { throw EngineError(.badValue, "\(name) is not supported by this server") }
        throw EngineError(.badValue, "unknown top level operator: \(name)")
    }

    /// `{path: value}`: operators, a regex, or equality with a literal.
    private static func parseFieldValue(path: String, _ value: BSONValue) throws(EngineError) -> FieldPredicate {
        if case .document(let sub) = value, isOperatorDocument(sub, allowIncompleteDBRef: false) {
            return try parseOperators(path: path, sub)
        }
        if case .regex(let pattern, let options) = value {
            _ = try RegexMatcher(pattern: pattern, options: options)
            return .regex(pattern: pattern, options: options)
        }
        return .eq(try comparable(value))
    }

    /// A document whose first key starts with `$` holds operators, unless it is a DBRef
    /// (`$ref` with `$id`, or any of `$ref`/`$id`/`$db` where incomplete references are allowed).
    static func isOperatorDocument(_ document: Document, allowIncompleteDBRef: Bool) -> Bool {
        guard let first = document.keys.first, first.hasPrefix("$") else { return false }
        let keys = Set(document.keys)
        let hasRef = keys.contains("$ref")
        let hasID = keys.contains("$id")
        if allowIncompleteDBRef {
            return !(hasRef || hasID || keys.contains("$db"))
        }
        return !(hasRef && hasID)
    }

    /// `{ $gt: 1, $lt: 5 }`: each entry is an operator on the same path.
    static func parseOperators(path: String, _ operators: Document) throws(EngineError) -> FieldPredicate {
        var predicates: [FieldPredicate] = []
        for (name, value) in operators.elements {
            if let predicate = try parseOperator(path: path, name: name, value: value, context: operators) {
                predicates.append(predicate)
            }
        }
        return predicates.count == 1 ? predicates[0] : .and(predicates)
    }

    private static func parseOperator(
        path: String, name: String, value: BSONValue, context: Document
    ) throws(EngineError) -> FieldPredicate? {
        switch name {
        case "$eq":
            return .eq(try comparable(value))
        case "$ne":
            if case .regex = value { throw EngineError(.badValue, "Can't have regex as arg to $ne.") }
            return .ne(try comparable(value))
        case "$gt", "$gte", "$lt", "$lte":
            if case .regex = value {
                throw EngineError(.badValue, "Can't have RegEx as arg to predicate over field '\(path)'.")
            }
            let operand = try comparable(value)
            switch name {
            case "$gt": return .gt(operand)
            case "$gte": return .gte(operand)
            case "$lt": return .lt(operand)
            default: return .lte(operand)
            }
        case "$in", "$nin":
            guard case .array(let items) = value else { throw EngineError(.badValue, "\(name) needs an array") }
            let members = try inMembers(items)
            return name == "$in" ? .in(members) : .nin(members)
        case "$exists":
            return .exists(isTruthy(value))
        case "$not":
            return .not(try parseNot(path: path, value))
        case "$regex":
            return try parseRegexDocument(context)
        case "$options":
            if context.keys.contains("$regex") { return nil }
            throw EngineError(.badValue, "$options needs a $regex")
        case "$type":
            return .type(try parseTypes(path: path, value))
        case "$size":
            return .size(try parseSize(value))
        case "$all":
            return try parseAll(path: path, value)
        case "$elemMatch":
            return try parseElemMatch(value)
        case "$mod":
            return try parseMod(value)
        case "$where":
            throw EngineError(.badValue, "$where cannot be applied to a field")
        default:
            if unsupportedField.contains(name) { throw EngineError(.badValue, "\(name) is not supported by this server") }
            throw EngineError(.badValue, "unknown operator: \(name)")
        }
    }

    /// Comparison operands may be anything but undefined.
    private static func comparable(_ value: BSONValue) throws(EngineError) -> BSONValue {
        if case .undefined = value { throw EngineError(.badValue, "cannot compare to undefined") }
        return value
    }

    private static func inMembers(_ items: [BSONValue]) throws(EngineError) -> [BSONValue] {
        for item in items {
            switch item {
            case .document(let d) where isOperatorDocument(d, allowIncompleteDBRef: false):
                throw EngineError(.badValue, "cannot nest $ under $in")
            case .undefined:
                throw EngineError(.badValue, "InMatchExpression equality cannot be undefined")
            case .regex(let pattern, let options):
                _ = try RegexMatcher(pattern: pattern, options: options)
            default:
                break
            }
        }
        return items
    }

    /// MongoDB's notion of a true value: false, 0, null and undefined are false.
    private static func isTruthy(_ value: BSONValue) -> Bool {
        switch value {
        case .bool(let b): return b
        case .int32(let v): return v != 0
        case .int64(let v): return v != 0
        case .double(let v): return v != 0
        case .decimal128(let d): return d.approximateDouble != 0
        case .null, .undefined: return false
        default: return true
        }
    }

    private static func parseNot(path: String, _ value: BSONValue) throws(EngineError) -> FieldPredicate {
        switch value {
        case .regex(let pattern, let options):
            _ = try RegexMatcher(pattern: pattern, options: options)
            return .regex(pattern: pattern, options: options)
        case .document(let sub):
            if sub.isEmpty { throw EngineError(.badValue, "$not cannot be empty") }
            return try parseOperators(path: path, sub)
        default:
            throw EngineError(.badValue, "$not needs a regex or a document")
        }
    }

    private static func parseRegexDocument(_ context: Document) throws(EngineError) -> FieldPredicate {
        var pattern = ""
        var options = ""
        for (name, value) in context.elements {
            switch name {
            case "$regex":
                switch value {
                case .string(let s):
                    pattern = s
                case .regex(let p, let o):
                    pattern = p
                    if !o.isEmpty {
                        if !options.isEmpty { throw EngineError(.regexOptionsTwice, "options set in both $regex and $options") }
                        options = o
                    }
                default:
                    throw EngineError(.badValue, "$regex has to be a string")
                }
            case "$options":
                guard case .string(let s) = value else { throw EngineError(.badValue, "$options has to be a string") }
                if !options.isEmpty { throw EngineError(.regexOptionsTwiceInline, "options set in both $regex and $options") }
                options = s
            default:
                break
            }
        }
        _ = try RegexMatcher(pattern: pattern, options: options)
        return .regex(pattern: pattern, options: options)
    }

    private static func parseTypes(path: String, _ value: BSONValue) throws(EngineError) -> [BSONTypeSelector] {
        if case .array(let items) = value {
            var selectors: [BSONTypeSelector] = []
            for item in items { selectors.append(try parseType(item)) }
            if selectors.isEmpty { throw EngineError(.failedToParse, "\(path) must match at least one type") }
            return selectors
        }
        return [try parseType(value)]
    }

    private static func parseType(_ value: BSONValue) throws(EngineError) -> BSONTypeSelector {
        switch value {
        case .string(let alias):
            guard let selector = BSONTypeSelector.aliases[alias] else {
                throw EngineError(.badValue, "Unknown type name alias: \(alias)")
            }
            return selector
        case .int32, .int64, .double, .decimal128:
            guard let code = value.integerValue.flatMap({ Int32(exactly: $0) }),
                BSONTypeSelector.validCodes.contains(code)
            else { throw EngineError(.badValue, "Invalid numerical type code: \(describe(value))") }
            return .code(code)
        default:
            throw EngineError(.typeMismatch, "type must be represented as a number or a string")
        }
    }

    private static func parseSize(_ value: BSONValue) throws(EngineError) -> Int {
        let size: Int
        switch value {
        case .int32(let v):
            size = Int(v)
        case .int64(let v):
            guard let fits = Int32(exactly: v) else {
                throw EngineError(.badValue, "$size must be representable as a 32-bit integer")
            }
            size = Int(fits)
        case .double(let v):
            guard let whole = Int32(exactly: v) else { throw EngineError(.badValue, "$size must be a whole number") }
            size = Int(whole)
        default:
            throw EngineError(.badValue, "$size needs a number")
        }
        if size < 0 { throw EngineError(.badValue, "$size may not be negative") }
        return size
    }

    private static func parseAll(path: String, _ value: BSONValue) throws(EngineError) -> FieldPredicate {
        guard case .array(let items) = value else { throw EngineError(.badValue, "$all needs an array") }
        if case .document(let first)? = items.first, first.keys.first == "$elemMatch" {
            var matches: [FieldPredicate] = []
            for item in items {
                guard case .document(let d) = item, d.keys.first == "$elemMatch", let operand = d["$elemMatch"]
                else { throw EngineError(.badValue, "$all/$elemMatch has to be consistent") }
                matches.append(try parseElemMatch(operand))
            }
            return .and(matches)
        }
        for item in items {
            switch item {
            case .document(let d) where d.keys.first.map(fieldOperators.contains) == true:
                throw EngineError(.badValue, "no $ expressions in $all")
            case .regex(let pattern, let options):
                _ = try RegexMatcher(pattern: pattern, options: options)
            case .undefined:
                throw EngineError(.badValue, "cannot compare to undefined")
            default:
                break
            }
        }
        return .all(items)
    }

    private static func parseElemMatch(_ value: BSONValue) throws(EngineError) -> FieldPredicate {
        guard case .document(let sub) = value else { throw EngineError(.badValue, "$elemMatch needs an Object") }
        if isOperatorDocument(sub, allowIncompleteDBRef: true), let first = sub.keys.first,
            !logicalOperators.contains(first), first != "$comment", first != "$expr", !unsupportedTopLevel.contains(first)
        {
            // Operators on the element itself: {$elemMatch: {$gt: 1, $lt: 5}}.
            switch try parseOperators(path: "", sub) {
            case .and(let predicates): return .elemMatchValue(predicates)
            case let single: return .elemMatchValue([single])
            }
        }
        return .elemMatchObject(try parse(sub, topLevel: false))
    }

    private static func parseMod(_ value: BSONValue) throws(EngineError) -> FieldPredicate {
        guard case .array(let items) = value else { throw EngineError(.badValue, "malformed mod, needs to be an array") }
        if items.count < 2 { throw EngineError(.badValue, "malformed mod, not enough elements") }
        if items.count > 2 { throw EngineError(.badValue, "malformed mod, too many elements") }
        guard items[0].isNumber else { throw EngineError(.badValue, "malformed mod, divisor not a number") }
        guard items[1].isNumber else { throw EngineError(.badValue, "malformed mod, remainder not a number") }
        guard let divisor = truncatedInteger(items[0]) else { throw EngineError(.badValue, "malformed mod, divisor value is invalid") }
        guard let remainder = truncatedInteger(items[1]) else {
            throw EngineError(.badValue, "malformed mod, remainder value is invalid")
        }
        if divisor == 0 { throw EngineError(.badValue, "divisor cannot be 0") }
        return .mod(divisor: divisor, remainder: remainder)
    }

    /// A number rounded toward zero to Int64, or nil when it is NaN, infinite or out of range.
    static func truncatedInteger(_ value: BSONValue) -> Int64? {
        switch value {
        case .int32(let v): return Int64(v)
        case .int64(let v): return v
        case .double(let d): return Int64(exactly: d.rounded(.towardZero))
        case .decimal128(let d): return Int64(exactly: d.approximateDouble.rounded(.towardZero))
        default: return nil
        }
    }

    private static func describe(_ value: BSONValue) -> String {
        switch value {
        case .int32(let v): return String(v)
        case .int64(let v): return String(v)
        case .double(let v): return String(v)
        case .decimal128(let d): return d.description
        default: return value.typeName
        }
    }
}
