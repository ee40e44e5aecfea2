import BSON

/// Evaluates parsed expression nodes. nil stands for "missing" throughout.
enum ExpressionEvaluator {
    static func evaluate(_ node: Expression.Node, _ variables: inout Variables) throws(EngineError) -> BSONValue? {
        switch node {
        case .literal(let value):
            return value
        case .variable(let name, let path):
            return FieldPathWalk.value(variables.value(name), path[...])
        case .object(let fields):
            var document = Document()
            for (key, field) in fields {
                // A missing value leaves the field out, as `$$REMOVE` does.
                if let value = try evaluate(field, &variables) { document.append(key, value) }
            }
            return .document(document)
        case .array(let items):
            var values: [BSONValue] = []
            for item in items { values.append(try evaluate(item, &variables) ?? .null) }
            return .array(values)
        case .call(let op, let operands):
            var values: [BSONValue?] = []
            values.reserveCapacity(operands.count)
            for operand in operands { values.append(try evaluate(operand, &variables)) }
            return try op.apply(values)
        case .and(let operands):
            for operand in operands where !Truth.isTrue(try evaluate(operand, &variables)) { return .bool(false) }
            return .bool(true)
        case .or(let operands):
            for operand in operands where Truth.isTrue(try evaluate(operand, &variables)) { return .bool(true) }
            return .bool(false)
        case .cond(let condition, let then, let otherwise):
            return try evaluate(Truth.isTrue(try evaluate(condition, &variables)) ? then : otherwise, &variables)
        case .ifNull(let operands):
            for operand in operands.dropLast() {
                switch try evaluate(operand, &variables) {
                case nil, .null?, .undefined?: continue
                case let value?: return value
                }
            }
            return try evaluate(operands[operands.count - 1], &variables)
        case .switch(let branches, let fallback):
            for (condition, then) in branches where Truth.isTrue(try evaluate(condition, &variables)) {
                return try evaluate(then, &variables)
            }
            guard let fallback else {
                throw EngineError(.switchNoMatch, "$switch could not find a matching branch for an input, and no default was specified.")
            }
            return try evaluate(fallback, &variables)
        case .let(let vars, let body):
            var values: [(String, BSONValue?)] = []
            for (name, expression) in vars { values.append((name, try evaluate(expression, &variables))) }
            return try bindAll(values[...], body, &variables)
        case .map(let input, let name, let body):
            guard let items = try arrayInput(input, &variables, error: { EngineError(.mapInputNotArray, "input to $map must be an array not \($0)") }) else {
                return .null
            }
            var out: [BSONValue] = []
            out.reserveCapacity(items.count)
            for item in items {
                out.append(try variables.with(name, item) { scope throws(EngineError) in try evaluate(body, &scope) } ?? .null)
            }
            return .array(out)
        case .reduce(let input, let initial, let body):
            let start = try evaluate(initial, &variables)
            guard let items = try arrayInput(input, &variables, error: { EngineError(.reduceInputNotArray, "$reduce requires that 'input' be an array, found: \($0)") }) else {
                return .null
            }
            var accumulated = start
            for item in items {
                accumulated = try variables.with("this", item) { scope throws(EngineError) in
                    try scope.with("value", accumulated) { inner throws(EngineError) in try evaluate(body, &inner) }
                }
            }
            return accumulated
        case .filter(let input, let name, let condition, let limitNode):
            return try filter(input, name, condition, limitNode, &variables)
        case .trim(let side, let input, let chars):
            return try StringOperators.trim(side, try evaluate(input, &variables), chars: try chars.map { n throws(EngineError) in try evaluate(n, &variables) })
        case .dateToString(let date, let format, let timezone, let onNull):
            return try DateFormatting.dateToString(
                date: try evaluate(date, &variables), format: try format.map { n throws(EngineError) in try evaluate(n, &variables) },
                timezone: try timezone.map { n throws(EngineError) in try evaluate(n, &variables) },
                onNull: try onNull.map { n throws(EngineError) in try evaluate(n, &variables) })
        case .datePart(let part, let date, let timezone):
            return try part.apply(try evaluate(date, &variables),
                                  timezone: try timezone.map { n throws(EngineError) in try evaluate(n, &variables) })
        case .dateAdd(let subtract, let start, let unit, let amount, let timezone):
            return try DateArithmetic.add(subtract ? "$dateSubtract" : "$dateAdd", start: try evaluate(start, &variables),
                                          unit: try evaluate(unit, &variables), amount: try evaluate(amount, &variables),
                                          timezone: try optional(timezone, &variables), negate: subtract)
        case .dateDiff(let start, let end, let unit, let timezone, let startOfWeek):
            return try DateArithmetic.diff(start: try evaluate(start, &variables), end: try evaluate(end, &variables),
                                           unit: try evaluate(unit, &variables), timezone: try optional(timezone, &variables),
                                           startOfWeek: try optional(startOfWeek, &variables))
        case .dateTrunc(let date, let unit, let binSize, let timezone, let startOfWeek):
            return try DateArithmetic.trunc(date: try evaluate(date, &variables), unit: try evaluate(unit, &variables),
                                            binSize: try optional(binSize, &variables), timezone: try optional(timezone, &variables),
                                            startOfWeek: try optional(startOfWeek, &variables))
        case .dateToParts(let date, let timezone, let iso8601):
            return try DateParts.toParts(date: try evaluate(date, &variables), timezone: try optional(timezone, &variables),
                                         iso8601: try optional(iso8601, &variables))
        case .dateFromParts(let parts, let iso, let timezone):
            var values: [String: BSONValue?] = [:]
            for (name, part) in parts { values[name] = .some(try evaluate(part, &variables)) }
            return try DateParts.fromParts(values, iso: iso, timezone: try optional(timezone, &variables))
        case .getField(let field, let input):
            return try FieldAccess.get(field: try evaluate(field, &variables), input: try evaluate(input, &variables))
        case .setField(let field, let input, let value):
            let newValue = try value.map { node throws(EngineError) in try evaluate(node, &variables) }
            return try FieldAccess.set(field: try evaluate(field, &variables), input: try evaluate(input, &variables),
                                       value: newValue, unsetting: value == nil)
        case .rand:
            return .double(Double.random(in: 0..<1))
        case .regexMatch(let match):
            let input = try evaluate(match.input, &variables)
            switch match.pattern {
            case .compiled(let matcher):
                return try RegexMatchExpression.matches(input, matcher)
            case .computed(let regexNode, let optionsNode):
                let regex = try evaluate(regexNode, &variables)
                let options = try optionsNode.map { n throws(EngineError) in try evaluate(n, &variables) } ?? nil
                return try RegexMatchExpression.matches(input, try RegexMatchExpression.matcher(regex, options))
            }
        case .convert(let input, let target, let onError, let onNull):
            let value = try evaluate(input, &variables)
            let to = try evaluate(target, &variables)
            let errorValue: BSONValue?? = try onError.map { n throws(EngineError) in try evaluate(n, &variables) }
            let nullValue: BSONValue?? = try onNull.map { n throws(EngineError) in try evaluate(n, &variables) }
            return try TypeConversion.convert(value, to: try TypeConversion.Target(to), onError: errorValue, onNull: nullValue)
        }
    }

    /// An optional argument: nil when not given, `.some(nil)` when it evaluates to missing.
    private static func optional(_ node: Expression.Node?, _ variables: inout Variables) throws(EngineError) -> BSONValue?? {
        guard let node else { return nil }
        return .some(try evaluate(node, &variables))
    }

    private static func bindAll(
        _ values: ArraySlice<(String, BSONValue?)>, _ body: Expression.Node, _ variables: inout Variables
    ) throws(EngineError) -> BSONValue? {
        guard let (name, value) = values.first else { return try evaluate(body, &variables) }
        return try variables.with(name, value) { scope throws(EngineError) in try bindAll(values.dropFirst(), body, &scope) }
    }

    /// The array an input evaluates to; nil for null or missing; an error for anything else.
    private static func arrayInput(
        _ input: Expression.Node, _ variables: inout Variables, error: (String) -> EngineError
    ) throws(EngineError) -> [BSONValue]? {
        switch try evaluate(input, &variables) {
        case nil, .null?, .undefined?: return nil
        case .array(let items)?: return items
        case let other?: throw error(other.typeName)
        }
    }

    private static func filter(
        _ input: Expression.Node, _ name: String, _ condition: Expression.Node, _ limitNode: Expression.Node?,
        _ variables: inout Variables
    ) throws(EngineError) -> BSONValue? {
        var limit = Int.max
        if let limitNode {
            switch try evaluate(limitNode, &variables) {
            case nil, .null?: break
            case let value?:
                guard value.isNumber, let n = value.integerValue.flatMap({ Int32(exactly: $0) }) else {
                    throw EngineError(.filterLimitNotInteger, "$filter: limit must be represented as a 32-bit integral value: \(value)")
                }
                guard n > 0 else { throw EngineError(.filterLimitNotPositive, "$filter: limit must be greater than 0: \(n)") }
                limit = Int(n)
            }
        }
        guard let items = try arrayInput(input, &variables, error: { EngineError(.filterInputNotArray, "input to $filter must be an array not \($0)") }) else {
            return .null
        }
        var out: [BSONValue] = []
        for item in items where out.count < limit {
            let keep = try variables.with(name, item) { scope throws(EngineError) in Truth.isTrue(try evaluate(condition, &scope)) }
            if keep { out.append(item) }
        }
        return .array(out)
    }
}
