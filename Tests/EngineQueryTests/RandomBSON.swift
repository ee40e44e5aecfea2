import BSON

/// Random documents and values of mixed types, drawn from small pools so that equal values (across
/// int32, int64 and double too) and shared field names come up often.
struct RandomBSON {
    var rng: SeededGenerator

    static let fieldNames = ["a", "b", "c", "0", "1"]
    static let strings = ["", "a", "b", "ab", "a\u{0}", "a\u{0}b", "\u{e9}", "e\u{301}", "\u{1F600}", "Z", "\u{0}"]
    static let objectIds = [
        ObjectId(hex: "000000000000000000000000")!, ObjectId(hex: "5f0000000000000000000001")!,
        ObjectId(hex: "ffffffffffffffffffffffff")!,
    ]

    mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &rng) }
    mutating func chance(_ percent: Int) -> Bool { int(0...99) < percent }
    mutating func pick<T>(_ items: [T]) -> T { items[int(0...(items.count - 1))] }

    mutating func number() -> BSONValue {
        switch int(0...2) {
        case 0:
            let pool: [Int32] = [0, 1, -1, 2, 3, 7, .max, .min, Int32(int(-1000...1000))]
            return .int32(pick(pool))
        case 1:
            let pool: [Int64] = [
                0, 1, 2, -2, 7, .max, .min, .max - 1, 1 << 53, (1 << 53) + 1, -((1 << 53) + 1), 1 << 62,
                Int64(int(-1000...1000)),
            ]
            return .int64(pick(pool))
        default:
            let pool: [Double] = [
                0.0, -0.0, 1.0, 2.0, 1.5, -1.5, 7.0, .nan, .infinity, -.infinity, 9.223372036854775807e18,
                -9.223372036854775808e18, 9007199254740992.0, 9007199254740994.0, 1e300, -1e-300,
                .leastNonzeroMagnitude, 0.1, Double(int(-1000...1000)) / 4,
            ]
            return .double(pick(pool))
        }
    }

    mutating func scalar() -> BSONValue {
        switch int(0...14) {
        case 0...4: return number()
        case 5, 6: return .string(pick(Self.strings))
        case 7: return .null
        case 8: return .bool(chance(50))
        case 9: return .datetime(Int64(int(-3...3)) * 86_400_000)
        case 10: return .objectId(pick(Self.objectIds))
        case 11: return pick([.minKey, .maxKey, .undefined])
        case 12: return .binary(subtype: UInt8(int(0...1)), data: (0..<int(0...2)).map { _ in UInt8(int(0...2)) })
        case 13: return .timestamp(t: UInt32(int(0...2)), i: UInt32(int(0...2)))
        default: return .regex(pattern: pick(["a", "b"]), options: pick(["", "i"]))
        }
    }

    mutating func value(depth: Int) -> BSONValue {
        guard depth > 0 else { return scalar() }
        switch int(0...9) {
        case 0...5: return scalar()
        case 6, 7: return .document(document(depth: depth - 1, maxFields: 3))
        default: return .array((0..<int(0...3)).map { _ in value(depth: depth - 1) })
        }
    }

    mutating func document(depth: Int, maxFields: Int) -> Document {
        var doc = Document()
        var used: Set<String> = []
        for _ in 0..<int(0...maxFields) {
            let name = pick(Self.fieldNames)
            if used.insert(name).inserted { doc.append(name, value(depth: depth)) }
        }
        return doc
    }

    /// A value equal to `value` under BSON order but often of another numeric type (1 → 1.0,
    /// 0.0 → -0.0, 2^53 → Int64), recursively inside documents and arrays.
    mutating func equalTwin(of value: BSONValue) -> BSONValue {
        switch value {
        case .int32(let v):
            return chance(50) ? .int64(Int64(v)) : .double(Double(v))
        case .int64(let v):
            if let exact = Double(exactly: v), chance(70) { return .double(exact) }
            if let small = Int32(exactly: v) { return .int32(small) }
            return value
        case .double(let d):
            if d == 0 { return .double(d.sign == .minus ? 0.0 : -0.0) }
            if let whole = Int64(exactly: d) { return Int32(exactly: whole).map { .int32($0) } ?? .int64(whole) }
            return value
        case .document(let doc):
            return .document(Document(doc.elements.map { ($0.key, equalTwin(of: $0.value)) }))
        case .array(let items):
            return .array(items.map { equalTwin(of: $0) })
        case .undefined:
            return .null
        default:
            return value
        }
    }

    /// A top-level document: some of a, b, c, often nested two or three levels.
    mutating func topLevelDocument() -> Document {
        var doc = Document()
        for name in ["a", "b", "c"] where chance(75) {
            doc.append(name, value(depth: 3))
        }
        return doc
    }
}
