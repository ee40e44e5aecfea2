import BSON
import EngineQuery

/// One `$group` accumulator's running state.
enum AccumulatorState {
    case sum(NumericSum)
    case avg(NumericSum)
    case min(BSONValue?)
    case max(BSONValue?)
    /// The first member's value (missing reads as null), once a member was seen.
    case first(BSONValue?)
    case last(BSONValue)
    case push([BSONValue])
    /// Distinct values in order of first appearance, told apart by canonical encoding (1 == 1.0).
    case addToSet([BSONValue], seen: Set<[UInt8]>)

    init(_ accumulator: GroupStage.Accumulator) {
        switch accumulator {
        case .sum, .count: self = .sum(NumericSum())
        case .avg: self = .avg(NumericSum())
        case .min: self = .min(nil)
        case .max: self = .max(nil)
        case .first: self = .first(nil)
        case .last: self = .last(.null)
        case .push: self = .push([])
        case .addToSet: self = .addToSet([], seen: [])
        }
    }

    /// Adds one member's value (nil: missing) and returns roughly how many bytes the state grew by.
    mutating func add(_ value: BSONValue?) throws(EngineError) -> Int {
        switch self {
        case .sum(var sum):
            if let value { try sum.add(value) }
            self = .sum(sum)
        case .avg(var sum):
            if let value { try sum.add(value) }
            self = .avg(sum)
        case .min(let current):
            // null and missing are ignored, as MongoDB's $min and $max do.
            guard let value, value != .null, value != .undefined else { return 0 }
            if current.map({ BSONOrder.compare(value, $0) < 0 }) ?? true { self = .min(value) }
        case .max(let current):
            guard let value, value != .null, value != .undefined else { return 0 }
            if current.map({ BSONOrder.compare(value, $0) > 0 }) ?? true { self = .max(value) }
        case .first(let current):
            if current == nil { self = .first(value ?? .null) }
        case .last:
            self = .last(value ?? .null)
        case .push(var items):
            guard let value else { return 0 }
            self = .push([])  // keep the array uniquely referenced while appending
            items.append(value)
            self = .push(items)
            return Self.size(of: value)
        case .addToSet(var items, var seen):
            guard let value, seen.insert(IndexKey.encode(value)).inserted else { return 0 }
            self = .push([])
            items.append(value)
            self = .addToSet(items, seen: seen)
            return Self.size(of: value) * 2
        }
        return 0
    }

    func result() throws(EngineError) -> BSONValue {
        switch self {
        case .sum(let sum): try sum.total()
        case .avg(let sum): try sum.average()
        case .min(let value), .max(let value): value ?? .null
        case .first(let value): value ?? .null
        case .last(let value): value
        case .push(let items), .addToSet(let items, _): .array(items)
        }
    }

    private static func size(of value: BSONValue) -> Int {
        Document([("", value)]).byteCount
    }
}
