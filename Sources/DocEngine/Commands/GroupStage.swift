import BSON
import EngineQuery

/// `$group` with an `_id` that is a constant, a `$field` path or a document of those, and the common
/// accumulators over constants or `$field` paths.
struct GroupStage {
    enum Accumulator: String {
        case sum = "$sum", avg = "$avg", min = "$min", max = "$max", first = "$first", last = "$last"
    }

    let idExpression: BSONValue
    let outputs: [(field: String, accumulator: Accumulator, operand: BSONValue)]

    init(_ spec: Document) throws(EngineError) {
        guard let id = spec["_id"] else {
            throw EngineError(code: 15955, codeName: "Location15955", message: "a group specification must include an _id")
        }
        idExpression = id
        var outputs: [(String, Accumulator, BSONValue)] = []
        for (field, value) in spec.elements where field != "_id" {
            guard case .document(let op) = value, op.count == 1,
                  let accumulator = Accumulator(rawValue: op.keys[0]) else {
                throw EngineError(code: 15952, codeName: "Location15952",
                                  message: "unknown group operator in field '\(field)'")
            }
            outputs.append((field, accumulator, op.values[0]))
        }
        self.outputs = outputs
    }

    func apply(_ documents: [Document]) throws(EngineError) -> [Document] {
        var order: [BSONValue] = []
        var groups: [BSONValue: [Document]] = [:]
        for document in documents {
            let key = Self.evaluate(idExpression, in: document) ?? .null
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(document)
        }
        return order.map { key in
            let members = groups[key]!
            var out: Document = ["_id": key]
            for (field, accumulator, operand) in outputs {
                out.append(field, Self.accumulate(accumulator, members.map { Self.evaluate(operand, in: $0) }))
            }
            return out
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

    static func accumulate(_ accumulator: Accumulator, _ values: [BSONValue?]) -> BSONValue {
        let present = values.compactMap { $0 }.filter { $0 != .null }
        switch accumulator {
        case .sum, .avg:
            let numbers = present.filter(\.isNumber)
            let allIntegers = numbers.allSatisfy { if case .double = $0 { false } else { true } }
            if accumulator == .avg {
                guard !numbers.isEmpty else { return .null }
                return .double(numbers.compactMap(\.doubleValue).reduce(0, +) / Double(numbers.count))
            }
            if allIntegers {
                let total = numbers.compactMap(\.integerValue).reduce(Int64(0)) { $0 &+ $1 }
                return Int32(exactly: total).map(BSONValue.int32) ?? .int64(total)
            }
            return .double(numbers.compactMap(\.doubleValue).reduce(0, +))
        case .min: return present.min { BSONOrder.compare($0, $1) < 0 } ?? .null
        case .max: return present.max { BSONOrder.compare($0, $1) < 0 } ?? .null
        case .first: return values.first.flatMap { $0 } ?? .null
        case .last: return values.last.flatMap { $0 } ?? .null
        }
    }
}
