import BSON
import Foundation

/// An aggregation expression (`"$a.b"`, `{$add: […]}`, `{$cond: …}`, a literal, …), parsed once and then
/// evaluated against many documents. Evaluation yields nil for "missing" (a path that reaches nothing,
/// `$$REMOVE`), which is not the same as null: `$project` drops a missing field but keeps a null one.
public struct Expression: Sendable {
    indirect enum Node: Sendable {
        case literal(BSONValue)
        /// A path from a variable: `"$a.b"` is `$$CURRENT.a.b`.
        case variable(String, path: [String])
        case object([(String, Node)])
        case array([Node])
        /// An operator whose operands are evaluated first and then combined (`$add`, `$concat`, …).
        case call(ExpressionOperator, [Node])
        case and([Node])
        case or([Node])
        case cond(if: Node, then: Node, else: Node)
        case ifNull([Node])
        case `switch`(branches: [(Node, Node)], default: Node?)
        case `let`(vars: [(String, Node)], in: Node)
        case map(input: Node, as: String, in: Node)
        case filter(input: Node, as: String, cond: Node, limit: Node?)
        case reduce(input: Node, initialValue: Node, in: Node)
        case trim(TrimSide, input: Node, chars: Node?)
        case dateToString(date: Node, format: Node?, timezone: Node?, onNull: Node?)
        case datePart(DatePart, date: Node, timezone: Node?)
        case convert(input: Node, to: Node, onError: Node?, onNull: Node?)
        case regexMatch(RegexMatchExpression)
        case dateAdd(subtract: Bool, startDate: Node, unit: Node, amount: Node, timezone: Node?)
        case dateDiff(startDate: Node, endDate: Node, unit: Node, timezone: Node?, startOfWeek: Node?)
        case dateTrunc(date: Node, unit: Node, binSize: Node?, timezone: Node?, startOfWeek: Node?)
        case dateToParts(date: Node, timezone: Node?, iso8601: Node?)
        case dateFromParts([(String, Node)], iso: Bool, timezone: Node?)
        /// `$getField`, `$setField` and `$unsetField` (value nil): fields named literally, dots and
        /// dollars included, which paths cannot reach.
        case getField(field: Node, input: Node)
        case setField(field: Node, input: Node, value: Node?)
        case rand
    }

    let node: Node
    /// `$$NOW`: fixed when the expression is parsed, so every document of one command sees the same instant.
    private let now: Int64

    /// Parses `value`, checking operator names, arities and variable names the way MongoDB does at parse
    /// time. `variables` are user variables defined around this expression.
    public init(_ value: BSONValue, variables: Set<String> = []) throws(EngineError) {
        var parser = ExpressionParser(scope: variables)
        node = try parser.parse(value)
        now = Int64((Date().timeIntervalSince1970 * 1000).rounded(.down))
    }

    /// The expression's value for `document` as `$$ROOT` and `$$CURRENT`.
    public func evaluate(_ document: Document) throws(EngineError) -> BSONValue? {
        var variables = Variables(root: document, now: now)
        return try ExpressionEvaluator.evaluate(node, &variables)
    }

    /// The value with extra variables bound (for `$lookup` `let`, `$filter` conditions and the like).
    public func evaluate(_ document: Document, variables: [String: BSONValue]) throws(EngineError) -> BSONValue? {
        var scope = Variables(root: document, now: now)
        for (name, value) in variables { scope.bind(name, value) }
        return try ExpressionEvaluator.evaluate(node, &scope)
    }

    /// The value of an expression that is a constant (no paths, no variables, no operators).
    public var constantValue: BSONValue? {
        if case .literal(let value) = node { return value }
        return nil
    }

    /// The dotted path, for an expression that is just `"$path"`.
    public var fieldPath: String? {
        if case .variable("CURRENT", let path) = node, !path.isEmpty { return path.joined(separator: ".") }
        return nil
    }
}
