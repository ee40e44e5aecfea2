import BSON

/// Reads the operator form of an update (`{$set: {...}, $inc: {...}}`) into an `UpdateNode` tree,
/// rejecting what MongoDB rejects with its codes and messages.
enum UpdateOperatorParser {
    static func parse(_ update: Document, arrayFilters: ArrayFilterSet) throws(EngineError) -> UpdateNode {
        var root = UpdateNode.emptyObject
        for (name, argument) in update {
            guard let parseOperand = operators[name] else {
                throw EngineError(
                    .failedToParse,
                    "Unknown modifier: \(name). Expected a valid update modifier or pipeline-style update specified as an array")
            }
            guard case .document(let fields) = argument else {
                throw EngineError(
                    .failedToParse,
                    "Modifiers operate on fields but we found type \(argument.typeName) instead. For example: {$mod: {<field>: ...}} not {\(ShellFormat.element(name, argument))}")
            }
            for (field, operand) in fields {
                let path = try UpdatePath(field)
                try checkIdentifiers(path, arrayFilters)
                if name == "$rename" {
                    let target = try renameTarget(field, operand)
                    try root.insert(.renameSource, at: path)
                    try root.insert(.renameTarget(source: path), at: target)
                } else {
                    try root.insert(parseOperand(field, operand), at: path)
                }
            }
        }
        return root
    }

    private typealias OperandParser = @Sendable (String, BSONValue) throws(EngineError) -> UpdateLeaf

    private static let operators: [String: OperandParser] = [
        "$set": { _, value in .set(value) },
        "$unset": { _, _ in .unset },
        "$setOnInsert": { _, value in .setOnInsert(value) },
        "$min": { _, value in .min(value) },
        "$max": { _, value in .max(value) },
        "$inc": { field, value throws(EngineError) in .inc(try number(value, "increment", field)) },
        "$mul": { field, value throws(EngineError) in .mul(try number(value, "multiply", field)) },
        "$currentDate": { field, value throws(EngineError) in try currentDate(field, value) },
        "$bit": { field, value throws(EngineError) in try bit(field, value) },
        "$push": { _, value throws(EngineError) in .push(try PushClause(value)) },
        "$addToSet": { field, value throws(EngineError) in try addToSet(field, value) },
        "$pull": { _, value throws(EngineError) in .pull(try PullCondition(value)) },
        "$pullAll": { _, value throws(EngineError) in
            guard case .array(let items) = value else {
                throw EngineError(.badValue, "$pullAll requires an array argument but was given a \(value.typeName)")
            }
            return .pullAll(items)
        },
        "$pop": { field, value throws(EngineError) in try pop(field, value) },
        // Handled in `parse`, which needs both of its paths.
        "$rename": { _, _ in .renameSource },
    ]

    /// Every `$[identifier]` needs a filter (its use is counted by `UpdateSpec`).
    private static func checkIdentifiers(_ path: UpdatePath, _ filters: ArrayFilterSet) throws(EngineError) {
        for case .filtered(let identifier) in path.parts where filters.filters[identifier] == nil {
            throw EngineError(.badValue, "No array filter found for identifier '\(identifier)' in path '\(path.dotted)'")
        }
    }

    private static func number(_ value: BSONValue, _ verb: String, _ field: String) throws(EngineError) -> BSONValue {
        guard value.isNumber else {
            throw EngineError(
                .typeMismatch, "Cannot \(verb) with non-numeric argument: {\(ShellFormat.element(field, value))}")
        }
        return value
    }

    private static func currentDate(_ field: String, _ value: BSONValue) throws(EngineError) -> UpdateLeaf {
        switch value {
        case .bool:
            return .currentDate(asTimestamp: false)
        case .document(let spec):
            guard spec.count == 1, let type = spec["$type"] else {
                throw EngineError(
                    .badValue,
                    "The only valid field of the option is '$type': {$currentDate: {field : {$type: 'date/timestamp'}}}")
            }
            switch type {
            case .string("date"): return .currentDate(asTimestamp: false)
            case .string("timestamp"): return .currentDate(asTimestamp: true)
            default:
                throw EngineError(
                    .badValue,
                    "The '$type' string field is required to be 'date' or 'timestamp': {$currentDate: {field : {$type: 'date'}}}")
            }
        default:
            throw EngineError(
                .badValue,
                "\(value.typeName) is not valid type for $currentDate. Please use a boolean ('true') or a $type expression ({$type: 'timestamp/date'}).")
        }
    }

    private static func bit(_ field: String, _ value: BSONValue) throws(EngineError) -> UpdateLeaf {
        guard case .document(let spec) = value else {
            throw EngineError(
                .badValue,
                "The $bit modifier is not compatible with a \(value.typeName) value. You must pass in an embedded document: {$bit: {field: {and/or/xor: #}}")
        }
        guard !spec.isEmpty else {
            throw EngineError(
                .badValue, "You must pass in at least one bitwise operation. The format is: {$bit: {field: {and/or/xor: #}}")
        }
        var operations: [BitwiseOperation] = []
        for (name, operand) in spec {
            switch operand {
            case .int32, .int64: break
            default:
                throw EngineError(
                    .badValue,
                    "The $bit modifier field must be an Integer(32/64 bit); a '\(operand.typeName)' is not supported here: {\(ShellFormat.element(name, operand))}")
            }
            switch name {
            case "and": operations.append(.and(operand))
            case "or": operations.append(.or(operand))
            case "xor": operations.append(.xor(operand))
            default:
                throw EngineError(
                    .badValue,
                    "The $bit modifier only supports 'and', 'or', and 'xor', not '\(name)' which is an unknown operator: {\(ShellFormat.element(name, operand))}")
            }
        }
        return .bit(operations)
    }

    private static func addToSet(_ field: String, _ value: BSONValue) throws(EngineError) -> UpdateLeaf {
        guard case .document(let spec) = value, let each = spec["$each"], spec.keys.first == "$each" else {
            return .addToSet([value])
        }
        guard case .array(let items) = each else {
            throw EngineError(
                .typeMismatch, "The argument to $each in $addToSet must be an array but it was of type \(each.typeName)")
        }
        guard spec.count == 1 else {
            throw EngineError(.badValue, "Found unexpected fields after $each in $addToSet: \(ShellFormat.document(spec))")
        }
        return .addToSet(items)
    }

    private static func pop(_ field: String, _ value: BSONValue) throws(EngineError) -> UpdateLeaf {
        guard value.isNumber else {
            throw EngineError(.failedToParse, "Expected a number in: \(ShellFormat.element(field, value))")
        }
        let number = value.doubleValue ?? (value.integerValue.map(Double.init) ?? .nan)
        guard number == 1 || number == -1 else {
            throw EngineError(.failedToParse, "$pop expects 1 or -1, found: \(ShellFormat.describe(value))")
        }
        return .pop(fromFront: number == -1)
    }

    /// The destination of `{$rename: {field: operand}}`, checked as MongoDB checks it.
    private static func renameTarget(_ field: String, _ operand: BSONValue) throws(EngineError) -> UpdatePath {
        guard case .string(let to) = operand else {
            throw EngineError(.badValue, "The 'to' field for $rename must be a string: \(ShellFormat.element(field, operand))")
        }
        let source = try UpdatePath(field)
        let target = try UpdatePath(to)
        if source.isDynamic {
            throw EngineError(.badValue, "The source field for $rename may not be dynamic: \(source.dotted)")
        }
        if target.isDynamic {
            throw EngineError(.badValue, "The destination field for $rename may not be dynamic: \(target.dotted)")
        }
        if source == target {
            throw EngineError(
                .badValue, "The source and target field for $rename must differ: \(ShellFormat.element(field, operand))")
        }
        if source.isPrefix(of: target) || target.isPrefix(of: source) {
            throw EngineError(
                .badValue,
                "The source and target field for $rename must not be on the same path: \(ShellFormat.element(field, operand))")
        }
        return target
    }
}
