import BSON

/// Builds an `Expression.Node` from BSON, rejecting what MongoDB rejects when it parses a pipeline:
/// unknown operators, wrong operand counts, undefined variables, malformed field paths.
struct ExpressionParser {
    /// User variables visible at this point (`ROOT`, `CURRENT`, `NOW` and `REMOVE` are always visible).
    var scope: Set<String>

    mutating func parse(_ value: BSONValue) throws(EngineError) -> Expression.Node {
        switch value {
        case .string(let s) where s.hasPrefix("$"):
            return try parsePath(s)
        case .document(let document):
            if let first = document.keys.first, first.hasPrefix("$") { return try parseOperator(document) }
            var fields: [(String, Expression.Node)] = []
            for (key, item) in document.elements {
                try Self.validateFieldName(key)
                fields.append((key, try parse(item)))
            }
            return .object(fields)
        case .array(let items):
            var nodes: [Expression.Node] = []
            for item in items { nodes.append(try parse(item)) }
            return .array(nodes)
        default:
            return .literal(value)
        }
    }

    /// `"$a.b"` (a path from `$$CURRENT`) or `"$$var.a.b"`.
    private func parsePath(_ text: String) throws(EngineError) -> Expression.Node {
        if text == "$" { throw EngineError(.bareDollarPath, "'$' by itself is not a valid FieldPath") }
        if text.hasPrefix("$$") {
            let parts = String(text.dropFirst(2)).dottedPathComponents()
            let name = String(parts[0])
            if name.isEmpty { throw EngineError(.emptyVariableName, "empty variable names are not allowed") }
            guard Self.builtins.contains(name) || scope.contains(name) else {
                throw EngineError(.undefinedVariable, "Use of undefined variable: \(name)")
            }
            let path = try Self.components(parts.dropFirst())
            return .variable(name, path: path)
        }
        return .variable("CURRENT", path: try Self.components(String(text.dropFirst()).dottedPathComponents()[...]))
    }

    private static let builtins: Set<String> = ["ROOT", "CURRENT", "REMOVE", "NOW"]

    private static func components(_ parts: ArraySlice<Substring>) throws(EngineError) -> [String] {
        var out: [String] = []
        for part in parts {
            if part.isEmpty { throw EngineError(.emptyFieldName, "FieldPath field names may not be empty strings.") }
            if part.hasPrefix("$") {
                throw EngineError(.dollarPrefixedFieldName, "FieldPath field names may not start with '$'. Consider using $getField or $setField.")
            }
            out.append(String(part))
        }
        return out
    }

    static func validateFieldName(_ key: String) throws(EngineError) {
        if key.isEmpty { throw EngineError(.emptyFieldName, "FieldPath field names may not be empty strings.") }
        if key.hasPrefix("$") {
            throw EngineError(.dollarPrefixedFieldName, "FieldPath field names may not start with '$'. Consider using $getField or $setField.")
        }
        if key.unicodeScalars.contains(".") {
            throw EngineError(.dottedFieldName, "FieldPath field names may not contain '.'. Consider using $getField or $setField.")
        }
    }

    private mutating func parseOperator(_ document: Document) throws(EngineError) -> Expression.Node {
        guard document.count == 1 else {
            throw EngineError(.expressionNotOneField, "an expression specification must contain exactly one field, the name of the expression. Found \(document.count) fields in \(document)")
        }
        let (name, argument) = document.elements[0]
        if name == "$literal" { return .literal(argument) }
        if let op = ExpressionOperator(rawValue: name) {
            let operands = try parseOperands(argument)
            guard op.arity.contains(operands.count) else {
                throw EngineError(.wrongArgumentCount, arityMessage(name, op.arity, operands.count))
            }
            return .call(op, operands)
        }
        switch name {
        case "$and", "$or":
            let operands = try parseOperands(argument)
            return name == "$and" ? .and(operands) : .or(operands)
        case "$ifNull":
            let operands = try parseOperands(argument)
            guard operands.count >= 2 else {
                throw EngineError(.ifNullArguments, "$ifNull needs at least two arguments, had: \(operands.count)")
            }
            return .ifNull(operands)
        default:
            return try parseNamedArguments(name, argument)
        }
    }

    private func arityMessage(_ name: String, _ arity: ClosedRange<Int>, _ count: Int) -> String {
        if arity.upperBound == Int.max {
            return "Expression \(name) takes at least \(arity.lowerBound) arguments. \(count) were passed in."
        }
        if arity.lowerBound == arity.upperBound {
            let noun = arity.lowerBound == 1 ? "argument" : "arguments"
            return "Expression \(name) takes exactly \(arity.lowerBound) \(noun). \(count) were passed in."
        }
        return "Expression \(name) takes at least \(arity.lowerBound) arguments, and at most \(arity.upperBound). \(count) were passed in."
    }

    /// An array is the operand list; anything else is the one operand.
    mutating func parseOperands(_ argument: BSONValue) throws(EngineError) -> [Expression.Node] {
        if case .array(let items) = argument {
            var nodes: [Expression.Node] = []
            for item in items { nodes.append(try parse(item)) }
            return nodes
        }
        return [try parse(argument)]
    }

    /// Operators taking `{name: value}` arguments or binding variables (in ExpressionParser+Named.swift).
    private mutating func parseNamedArguments(_ name: String, _ argument: BSONValue) throws(EngineError) -> Expression.Node {
        switch name {
        case "$cond": return try parseCond(argument)
        case "$switch": return try parseSwitch(argument)
        case "$let": return try parseLet(argument)
        case "$map": return try parseMap(argument)
        case "$filter": return try parseFilter(argument)
        case "$reduce": return try parseReduce(argument)
        case "$trim", "$ltrim", "$rtrim": return try parseTrim(name, argument)
        case "$dateToString": return try parseDateToString(argument)
        case "$convert": return try parseConvert(argument)
        case "$regexMatch": return try parseRegexMatch(argument)
        case "$dateAdd", "$dateSubtract": return try parseDateAdd(name, argument)
        case "$dateDiff": return try parseDateDiff(argument)
        case "$dateTrunc": return try parseDateTrunc(argument)
        case "$dateToParts": return try parseDateToParts(argument)
        case "$dateFromParts": return try parseDateFromParts(argument)
        case "$getField", "$setField", "$unsetField": return try parseFieldAccess(name, argument)
        case "$rand":
            guard case .document(let options) = argument, options.isEmpty else {
                throw EngineError(.failedToParse, "$rand does not currently accept arguments")
            }
            return .rand
        default:
            if let part = DatePart(rawValue: name) { return try parseDatePart(part, argument) }
            throw EngineError(.invalidPipelineOperator, "Unrecognized expression '\(name)'")
        }
    }
}
