import BSON
import EngineQuery

/// `$group`: an `_id` expression and accumulators whose operands are expressions. Groups keep running
/// accumulators, not their members, so memory grows with the number of groups (and what `$push` and
/// `$addToSet` collect), never with the number of documents.
struct GroupStage: Sendable {
    enum Accumulator: String, Sendable {
        case sum = "$sum", avg = "$avg", min = "$min", max = "$max", first = "$first", last = "$last"
        case push = "$push", addToSet = "$addToSet", count = "$count"
    }

    struct Output: Sendable {
        let field: String
        let accumulator: Accumulator
        let operand: Expression
    }

    let id: Expression
    let outputs: [Output]

    init(_ spec: Document) throws(EngineError) {
        guard let idSpec = spec["_id"] else {
            throw EngineError(.groupMissingID, "a group specification must include an _id")
        }
        id = try Expression(idSpec)
        var outputs: [Output] = []
        for (field, value) in spec.elements where field != "_id" {
            if field.unicodeScalars.contains(".") {
                throw EngineError(.groupFieldWithDot, "The field name '\(field)' cannot contain '.'")
            }
            guard case .document(let op) = value, op.count == 1 else {
                throw EngineError(.groupFieldNotAccumulator, "The field '\(field)' must specify one accumulator")
            }
            let name = op.keys[0]
            guard let accumulator = Accumulator(rawValue: name) else {
                throw EngineError(.groupUnknownOperator, "unknown group operator '\(name)'")
            }
            var operand = op.values[0]
            if accumulator == .count {
                guard case .document(let empty) = operand, empty.isEmpty else {
                    throw EngineError(.typeMismatch, "$count takes no arguments, i.e. $count:{}")
                }
                operand = .int32(1)
            }
            outputs.append(Output(field: field, accumulator: accumulator, operand: try Expression(operand)))
        }
        self.outputs = outputs
    }

    /// True for `{_id: <constant>, <field>: {$sum: 1}, …}`: a count, which an index can answer alone.
    var isConstantCount: Bool {
        id.constantValue != nil && !outputs.isEmpty && outputs.allSatisfy { output in
            let one = output.operand.constantValue
            return (output.accumulator == .sum || output.accumulator == .count) && one?.isNumber == true && one?.integerValue == 1
        }
    }
}

/// The groups seen so far, in order of first appearance, each with one running state per output. Groups
/// are told apart by their key's canonical encoding, so 1, 1.0 and NumberLong(1) are one group.
struct GroupState {
    let stage: GroupStage
    private var order: [[UInt8]] = []
    private var ids: [[UInt8]: BSONValue] = [:]
    private var groups: [[UInt8]: [AccumulatorState]] = [:]
    /// A rough count of the memory the groups hold, against MongoDB's 100 MB limit for `$group`.
    private(set) var bytes = 0

    init(_ stage: GroupStage) { self.stage = stage }

    mutating func add(_ document: Document) throws(EngineError) {
        let id = try stage.id.evaluate(document) ?? .null
        let key = IndexKey.encode(id)
        var states = groups.removeValue(forKey: key) ?? stage.outputs.map { AccumulatorState($0.accumulator) }
        if ids[key] == nil {
            order.append(key)
            ids[key] = id
            bytes += Document([("_id", id)]).byteCount + 64 * states.count
        }
        for (index, output) in stage.outputs.enumerated() {
            bytes += try states[index].add(try output.operand.evaluate(document))
        }
        groups[key] = states
    }

    func results() throws(EngineError) -> [Document] {
        var out: [Document] = []
        out.reserveCapacity(order.count)
        for key in order {
            var document: Document = ["_id": ids[key] ?? .null]
            let states = groups[key] ?? []
            for (index, output) in stage.outputs.enumerated() where index < states.count {
                document.append(output.field, try states[index].result())
            }
            out.append(document)
        }
        return out
    }
}
