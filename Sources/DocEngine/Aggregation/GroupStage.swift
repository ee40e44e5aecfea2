import BSON
import EngineQuery

/// `$group` with an `_id` that is a constant, a `$field` path or a document of those, and the common
/// accumulators over constants or `$field` paths. Groups keep running accumulators, not their members,
/// so memory grows with the number of groups, never with the number of documents.
struct GroupStage: Sendable {
    enum Accumulator: String, Sendable {
        case sum = "$sum", avg = "$avg", min = "$min", max = "$max", first = "$first", last = "$last"
    }

    let idExpression: BSONValue
    let outputs: [(field: String, accumulator: Accumulator, operand: BSONValue)]

    init(_ spec: Document) throws(EngineError) {
        guard let id = spec["_id"] else {
            throw EngineError(.groupMissingID, "a group specification must include an _id")
        }
        idExpression = id
        var outputs: [(String, Accumulator, BSONValue)] = []
        for (field, value) in spec.elements where field != "_id" {
            guard case .document(let op) = value, op.count == 1,
                  let accumulator = Accumulator(rawValue: op.keys[0]) else {
                throw EngineError(.groupUnknownOperator, "unknown group operator in field '\(field)'")
            }
            outputs.append((field, accumulator, op.values[0]))
        }
        self.outputs = outputs
    }

    /// True for `{_id: <constant>, <field>: {$sum: 1}, …}`: a count, which an index can answer alone.
    var isConstantCount: Bool {
        Self.isConstant(idExpression) && !outputs.isEmpty
            && outputs.allSatisfy { $0.accumulator == .sum && $0.operand.integerValue == 1 && $0.operand.isNumber }
    }

    static func isConstant(_ expression: BSONValue) -> Bool {
        switch expression {
        case .string(let s): !s.hasPrefix("$")
        case .document, .array: false
        default: true
        }
    }

    static func evaluate(_ expression: BSONValue, in document: Document) -> BSONValue? {
        switch expression {
        case .string(let s) where s.hasPrefix("$"):
            return document.value(atPath: String(s.dropFirst()))
        case .document(let fields):
            return .document(Document(fields.elements.map { ($0.key, evaluate($0.value, in: document) ?? .null) }))
        default:
            return expression
        }
    }
}

/// The groups seen so far, in order of first appearance, each with one running state per output.
struct GroupState {
    let stage: GroupStage
    private var order: [BSONValue] = []
    private var groups: [BSONValue: [AccumulatorState]] = [:]
    /// A rough count of the memory the groups hold, against MongoDB's 100 MB limit for `$group`.
    private(set) var bytes = 0

    init(_ stage: GroupStage) { self.stage = stage }

    mutating func add(_ document: Document) throws(EngineError) {
        let key = GroupStage.evaluate(stage.idExpression, in: document) ?? .null
        var states = groups[key] ?? stage.outputs.map { AccumulatorState($0.accumulator) }
        if groups[key] == nil {
            order.append(key)
            bytes += Document([("_id", key)]).byteCount + 64 * states.count
        }
        for (index, output) in stage.outputs.enumerated() {
            try states[index].add(GroupStage.evaluate(output.operand, in: document))
        }
        groups[key] = states
    }

    func results() throws(EngineError) -> [Document] {
        var out: [Document] = []
        out.reserveCapacity(order.count)
        for key in order {
            var document: Document = ["_id": key]
            for (index, output) in stage.outputs.enumerated() {
                document.append(output.field, try groups[key]![index].result())
            }
            out.append(document)
        }
        return out
    }
}

/// One accumulator's running state.
enum AccumulatorState {
    case sum(NumericSum)
    case avg(NumericSum)
    case min(BSONValue?)
    case max(BSONValue?)
    /// The first member's value (missing reads as null), once a member was seen.
    case first(BSONValue?)
    case last(BSONValue)

    init(_ accumulator: GroupStage.Accumulator) {
        switch accumulator {
        case .sum: self = .sum(NumericSum())
        case .avg: self = .avg(NumericSum())
        case .min: self = .min(nil)
        case .max: self = .max(nil)
        case .first: self = .first(nil)
        case .last: self = .last(.null)
        }
    }

    mutating func add(_ value: BSONValue?) throws(EngineError) {
        switch self {
        case .sum(var sum):
            if let value { try sum.add(value) }
            self = .sum(sum)
        case .avg(var sum):
            if let value { try sum.add(value) }
            self = .avg(sum)
        case .min(let current):
            guard let value, value != .null else { return }
            if current.map({ BSONOrder.compare(value, $0) < 0 }) ?? true { self = .min(value) }
        case .max(let current):
            guard let value, value != .null else { return }
            if current.map({ BSONOrder.compare(value, $0) > 0 }) ?? true { self = .max(value) }
        case .first(let current):
            if current == nil { self = .first(value ?? .null) }
        case .last:
            self = .last(value ?? .null)
        }
    }

    func result() throws(EngineError) -> BSONValue {
        switch self {
        case .sum(let sum): try sum.total()
        case .avg(let sum): try sum.average()
        case .min(let value), .max(let value): value ?? .null
        case .first(let value): value ?? .null
        case .last(let value): value
        }
    }
}
