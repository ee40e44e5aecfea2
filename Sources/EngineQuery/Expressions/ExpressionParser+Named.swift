import BSON

/// Operators with named arguments (`{$cond: {if, then, else}}`, `{$map: {input, as, in}}`, …).
extension ExpressionParser {
    /// The named arguments of `operatorName`, every one of them known.
    private func arguments(
        _ argument: BSONValue, allowed: Set<String>, notObject: EngineError, unknown: (String) -> EngineError
    ) throws(EngineError) -> Document {
        guard case .document(let document) = argument else { throw notObject }
        for key in document.keys where !allowed.contains(key) { throw unknown(key) }
        return document
    }

    private mutating func optional(_ document: Document, _ key: String) throws(EngineError) -> Expression.Node? {
        guard let value = document[key] else { return nil }
        return try parse(value)
    }

    mutating func parseCond(_ argument: BSONValue) throws(EngineError) -> Expression.Node {
        if case .array = argument {
            let operands = try parseOperands(argument)
            guard operands.count == 3 else {
                throw EngineError(.wrongArgumentCount, "Expression $cond takes exactly 3 arguments. \(operands.count) were passed in.")
            }
            return .cond(if: operands[0], then: operands[1], else: operands[2])
        }
        guard case .document(let document) = argument else {
            // `{$cond: x}` is the one-operand form, which has the wrong count.
            throw EngineError(.wrongArgumentCount, "Expression $cond takes exactly 3 arguments. 1 were passed in.")
        }
        for key in document.keys where !["if", "then", "else"].contains(key) {
            throw EngineError(.condUnknownArgument, "Unrecognized parameter to $cond: \(key)")
        }
        guard let condition = try optional(document, "if") else { throw EngineError(.condMissingIf, "Missing 'if' parameter to $cond") }
        guard let then = try optional(document, "then") else { throw EngineError(.condMissingThen, "Missing 'then' parameter to $cond") }
        guard let otherwise = try optional(document, "else") else { throw EngineError(.condMissingElse, "Missing 'else' parameter to $cond") }
        return .cond(if: condition, then: then, else: otherwise)
    }

    mutating func parseSwitch(_ argument: BSONValue) throws(EngineError) -> Expression.Node {
        let document = try arguments(argument, allowed: ["branches", "default"],
            notObject: EngineError(.switchNotObject, "$switch requires an object as an argument, found: \(argument.typeName)"),
            unknown: { EngineError(.switchUnknownArgument, "$switch found an unknown argument: \($0)") })
        var branches: [(Expression.Node, Expression.Node)] = []
        if let value = document["branches"] {
            guard case .array(let items) = value else {
                throw EngineError(.switchBranchesNotArray, "$switch expected an array for 'branches', found: \(value.typeName)")
            }
            for item in items {
                guard case .document(let branch) = item else {
                    throw EngineError(.switchBranchNotObject, "$switch expected each branch to be an object, found: \(item.typeName)")
                }
                for key in branch.keys where key != "case" && key != "then" {
                    throw EngineError(.switchBranchUnknownArgument, "$switch found an unknown argument to a branch: \(key)")
                }
                guard let condition = try optional(branch, "case") else {
                    throw EngineError(.switchBranchMissingCase, "$switch requires each branch have a 'case' expression")
                }
                guard let then = try optional(branch, "then") else {
                    throw EngineError(.switchBranchMissingThen, "$switch requires each branch have a 'then' expression.")
                }
                branches.append((condition, then))
            }
        }
        if branches.isEmpty { throw EngineError(.switchNoBranches, "$switch requires at least one branch.") }
        return .switch(branches: branches, default: try optional(document, "default"))
    }

    mutating func parseLet(_ argument: BSONValue) throws(EngineError) -> Expression.Node {
        let document = try arguments(argument, allowed: ["vars", "in"],
            notObject: EngineError(.letNotObject, "$let only supports an object as its argument"),
            unknown: { EngineError(.letUnknownArgument, "Unrecognized parameter to $let: \($0)") })
        guard let varsValue = document["vars"] else { throw EngineError(.letMissingVars, "Missing 'vars' parameter to $let") }
        guard let body = document["in"] else { throw EngineError(.letMissingIn, "Missing 'in' parameter to $let") }
        guard case .document(let varsDocument) = varsValue else {
            throw EngineError(.letNotObject, "invalid parameter: expected an object (vars)")
        }
        var vars: [(String, Expression.Node)] = []
        for (name, value) in varsDocument.elements {
            try Self.validateVariableName(name)
            vars.append((name, try parse(value)))  // bound values see the outer scope only
        }
        let saved = scope
        scope.formUnion(vars.map(\.0))
        defer { scope = saved }
        return .let(vars: vars, in: try parse(body))
    }

    mutating func parseMap(_ argument: BSONValue) throws(EngineError) -> Expression.Node {
        let document = try arguments(argument, allowed: ["input", "as", "in"],
            notObject: EngineError(.mapNotObject, "$map only supports an object as its argument"),
            unknown: { EngineError(.mapUnknownArgument, "Unrecognized parameter to $map: \($0)") })
        guard let input = try optional(document, "input") else { throw EngineError(.mapMissingInput, "Missing 'input' parameter to $map") }
        let name = try variableName(document["as"])
        guard let body = document["in"] else { throw EngineError(.mapMissingIn, "Missing 'in' parameter to $map") }
        return .map(input: input, as: name, in: try parseScoped(body, binding: name))
    }

    mutating func parseFilter(_ argument: BSONValue) throws(EngineError) -> Expression.Node {
        let document = try arguments(argument, allowed: ["input", "as", "cond", "limit"],
            notObject: EngineError(.filterNotObject, "$filter only supports an object as its argument"),
            unknown: { EngineError(.filterUnknownArgument, "Unrecognized parameter to $filter: \($0)") })
        guard let input = try optional(document, "input") else { throw EngineError(.filterMissingInput, "Missing 'input' parameter to $filter") }
        let name = try variableName(document["as"])
        guard let condition = document["cond"] else { throw EngineError(.filterMissingCond, "Missing 'cond' parameter to $filter") }
        let limit = try optional(document, "limit")
        return .filter(input: input, as: name, cond: try parseScoped(condition, binding: name), limit: limit)
    }

    /// `{input, initialValue, in}` with `$$value` (the running result) and `$$this` (the element).
    mutating func parseReduce(_ argument: BSONValue) throws(EngineError) -> Expression.Node {
        let document = try arguments(argument, allowed: ["input", "initialValue", "in"],
            notObject: EngineError(.reduceNotObject, "$reduce requires an object as an argument, found: \(argument.typeName)"),
            unknown: { EngineError(.reduceUnknownArgument, "$reduce found an unknown argument: \($0)") })
        guard let input = try optional(document, "input") else { throw EngineError(.reduceMissingInput, "$reduce requires 'input' to be specified") }
        guard let initial = try optional(document, "initialValue") else {
            throw EngineError(.reduceMissingInitialValue, "$reduce requires 'initialValue' to be specified")
        }
        guard let body = document["in"] else { throw EngineError(.reduceMissingIn, "$reduce requires 'in' to be specified") }
        let saved = scope
        scope.formUnion(["this", "value"])
        defer { scope = saved }
        return .reduce(input: input, initialValue: initial, in: try parse(body))
    }

    /// `as` defaults to `this`.
    private func variableName(_ value: BSONValue?) throws(EngineError) -> String {
        guard let value else { return "this" }
        guard case .string(let name) = value else {
            throw EngineError(.invalidVariableName, "'\(value)' starts with an invalid character for a user variable name")
        }
        try Self.validateVariableName(name)
        return name
    }

    private mutating func parseScoped(_ value: BSONValue, binding name: String) throws(EngineError) -> Expression.Node {
        let saved = scope
        scope.insert(name)
        defer { scope = saved }
        return try parse(value)
    }

    /// User variables start with a lowercase ASCII letter or a non-ASCII character and hold only letters,
    /// digits, `_` and non-ASCII characters.
    static func validateVariableName(_ name: String) throws(EngineError) {
        guard let first = name.unicodeScalars.first else {
            throw EngineError(.emptyVariableName, "empty variable names are not allowed")
        }
        guard (first >= "a" && first <= "z") || !first.isASCII else {
            throw EngineError(.invalidVariableName, "'\(name)' starts with an invalid character for a user variable name")
        }
        for scalar in name.unicodeScalars where scalar.isASCII {
            let ok = (scalar >= "a" && scalar <= "z") || (scalar >= "A" && scalar <= "Z") || (scalar >= "0" && scalar <= "9") || scalar == "_"
            if !ok { throw EngineError(.invalidVariableCharacter, "'\(name)' contains an invalid character for a variable name: '\(scalar)'") }
        }
    }

    mutating func parseTrim(_ name: String, _ argument: BSONValue) throws(EngineError) -> Expression.Node {
        let document = try arguments(argument, allowed: ["input", "chars"],
            notObject: EngineError(.trimNotObject, "\(name) only supports an object as an argument, found: \(argument.typeName)"),
            unknown: { EngineError(.trimUnknownArgument, "\(name) found an unknown argument: \($0)") })
        guard let input = try optional(document, "input") else { throw EngineError(.trimMissingInput, "\(name) requires an 'input' field") }
        let side: TrimSide = name == "$ltrim" ? .start : name == "$rtrim" ? .end : .both
        return .trim(side, input: input, chars: try optional(document, "chars"))
    }

    mutating func parseDateToString(_ argument: BSONValue) throws(EngineError) -> Expression.Node {
        let document = try arguments(argument, allowed: ["date", "format", "timezone", "onNull"],
            notObject: EngineError(.dateToStringNotObject, "$dateToString only supports an object as its argument"),
            unknown: { EngineError(.dateToStringUnknownArgument, "Unrecognized parameter to $dateToString: \($0)") })
        guard let date = try optional(document, "date") else {
            throw EngineError(.dateToStringMissingDate, "Missing 'date' parameter to $dateToString")
        }
        return .dateToString(date: date, format: try optional(document, "format"),
                             timezone: try optional(document, "timezone"), onNull: try optional(document, "onNull"))
    }

    /// `{$year: <date>}`, `{$year: [<date>]}` or `{$year: {date: <date>, timezone: <tz>}}`.
    mutating func parseDatePart(_ part: DatePart, _ argument: BSONValue) throws(EngineError) -> Expression.Node {
        if case .document(let document) = argument, let first = document.keys.first, !first.hasPrefix("$") {
            for key in document.keys where key != "date" && key != "timezone" {
                throw EngineError(.datePartUnknownArgument, "unrecognized option to \(part.rawValue): \"\(key)\"")
            }
            guard let date = try optional(document, "date") else {
                throw EngineError(.datePartMissingDate, "missing 'date' argument to \(part.rawValue), provided: \(document)")
            }
            return .datePart(part, date: date, timezone: try optional(document, "timezone"))
        }
        let operands = try parseOperands(argument)
        guard operands.count == 1 else {
            throw EngineError(.wrongArgumentCount, "Expression \(part.rawValue) takes exactly 1 arguments. \(operands.count) were passed in.")
        }
        return .datePart(part, date: operands[0], timezone: nil)
    }

    mutating func parseRegexMatch(_ argument: BSONValue) throws(EngineError) -> Expression.Node {
        let document = try arguments(argument, allowed: ["input", "regex", "options"],
            notObject: EngineError(.regexMatchNotObject, "$regexMatch expects an object of named arguments but found: \(argument.typeName)"),
            unknown: { EngineError(.regexMatchUnknownArgument, "$regexMatch found an unknown argument: \($0)") })
        guard let input = try optional(document, "input") else { throw EngineError(.regexMatchMissingInput, "$regexMatch requires 'input' parameter") }
        guard let regex = try optional(document, "regex") else { throw EngineError(.regexMatchMissingRegex, "$regexMatch requires 'regex' parameter") }
        return .regexMatch(try RegexMatchExpression(input: input, regex: regex, options: try optional(document, "options")))
    }

    mutating func parseConvert(_ argument: BSONValue) throws(EngineError) -> Expression.Node {
        let document = try arguments(argument, allowed: ["input", "to", "onError", "onNull"],
            notObject: EngineError(.failedToParse, "$convert expects an object of named arguments but found: \(argument.typeName)"),
            unknown: { EngineError(.failedToParse, "$convert found an unknown argument: \($0)") })
        guard let input = try optional(document, "input") else { throw EngineError(.failedToParse, "Missing 'input' parameter to $convert") }
        guard let target = try optional(document, "to") else { throw EngineError(.failedToParse, "Missing 'to' parameter to $convert") }
        return .convert(input: input, to: target, onError: try optional(document, "onError"), onNull: try optional(document, "onNull"))
    }
}

extension ExpressionParser {
    /// `{$getField: "name"}` (shorthand: a field of `$$CURRENT`), `{$getField: {field, input}}`,
    /// `{$setField: {field, input, value}}`, `{$unsetField: {field, input}}`. `field` must be a constant
    /// string, as in MongoDB.
    mutating func parseFieldAccess(_ name: String, _ argument: BSONValue) throws(EngineError) -> Expression.Node {
        guard case .document(let document) = argument, !(document.keys.first?.hasPrefix("$") ?? false) else {
            guard name == "$getField" else {
                throw EngineError(.failedToParse, "\(name) only supports an object as its argument")
            }
            return .getField(field: try constantField(argument, name), input: .variable("CURRENT", path: []))
        }
        let allowed: Set<String> = name == "$setField" ? ["field", "input", "value"] : ["field", "input"]
        for key in document.keys where !allowed.contains(key) {
            throw EngineError(.failedToParse, "\(name) found an unknown argument: \(key)")
        }
        guard let field = document["field"] else { throw EngineError(.failedToParse, "\(name) requires 'field' to be specified") }
        let fieldNode = try constantField(field, name)
        if name == "$getField" {
            let input = try document["input"].map { value throws(EngineError) in try parse(value) } ?? .variable("CURRENT", path: [])
            return .getField(field: fieldNode, input: input)
        }
        guard let input = document["input"] else { throw EngineError(.failedToParse, "\(name) requires 'input' to be specified") }
        if name == "$unsetField" { return .setField(field: fieldNode, input: try parse(input), value: nil) }
        guard let value = document["value"] else { throw EngineError(.failedToParse, "\(name) requires 'value' to be specified") }
        return .setField(field: fieldNode, input: try parse(input), value: try parse(value))
    }

    private mutating func constantField(_ value: BSONValue, _ name: String) throws(EngineError) -> Expression.Node {
        let node = try parse(value)
        guard case .literal(.string) = node else {
            throw EngineError(.fieldAccessFieldNotString, "\(name) requires 'field' to evaluate to a constant, but got a non-constant argument")
        }
        return node
    }
}
