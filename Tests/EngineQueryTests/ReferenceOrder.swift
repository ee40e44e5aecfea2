import BSON

/// A deliberately plain model of MongoDB's value order, written separately from the engine's
/// (type ranks from a table, numbers compared through floor/exact integer arithmetic rather than a
/// normalized key) so the differential tests compare two independent implementations.
enum ReferenceOrder {
    static func rank(_ v: BSONValue) -> Int {
        switch v {
        case .minKey: 0
        case .null, .undefined: 1
        case .int32, .int64, .double, .decimal128: 2
        case .string: 3
        case .document: 4
        case .array: 5
        case .binary: 6
        case .objectId: 7
        case .bool: 8
        case .datetime: 9
        case .timestamp: 10
        case .regex: 11
        case .maxKey: 12
        }
    }

    static func compare(_ a: BSONValue, _ b: BSONValue) -> Int {
        let ra = rank(a)
        let rb = rank(b)
        if ra != rb { return ra < rb ? -1 : 1 }
        switch (a, b) {
        case (.string(let x), .string(let y)):
            return bytes(Array(x.utf8), Array(y.utf8))
        case (.document(let x), .document(let y)):
            let xs = x.elements
            let ys = y.elements
            var i = 0
            while i < xs.count && i < ys.count {
                if rank(xs[i].value) != rank(ys[i].value) { return rank(xs[i].value) < rank(ys[i].value) ? -1 : 1 }
                let byKey = bytes(Array(xs[i].key.utf8), Array(ys[i].key.utf8))
                if byKey != 0 { return byKey }
                let byValue = compare(xs[i].value, ys[i].value)
                if byValue != 0 { return byValue }
                i += 1
            }
            return plain(xs.count, ys.count)
        case (.array(let xs), .array(let ys)):
            var i = 0
            while i < xs.count && i < ys.count {
                let c = compare(xs[i], ys[i])
                if c != 0 { return c }
                i += 1
            }
            return plain(xs.count, ys.count)
        case (.binary(let s1, let d1), .binary(let s2, let d2)):
            if d1.count != d2.count { return plain(d1.count, d2.count) }
            if s1 != s2 { return plain(s1, s2) }
            return bytes(d1, d2)
        case (.objectId(let x), .objectId(let y)):
            return bytes(x.bytes, y.bytes)
        case (.bool(let x), .bool(let y)):
            return plain(x ? 1 : 0, y ? 1 : 0)
        case (.datetime(let x), .datetime(let y)):
            return plain(x, y)
        case (.timestamp(let t1, let i1), .timestamp(let t2, let i2)):
            return t1 != t2 ? plain(t1, t2) : plain(i1, i2)
        case (.regex(let p1, let o1), .regex(let p2, let o2)):
            let byPattern = bytes(Array(p1.utf8), Array(p2.utf8))
            return byPattern != 0 ? byPattern : bytes(Array(o1.utf8), Array(o2.utf8))
        default:
            if ra == 2 { return numbers(a, b) }
            return 0
        }
    }

    private enum Number {
        case integer(Int64)
        case real(Double)
    }

    private static func number(_ v: BSONValue) -> Number {
        switch v {
        case .int32(let x): .integer(Int64(x))
        case .int64(let x): .integer(x)
        case .double(let x): .real(x)
        case .decimal128(let d): .real(d.approximateDouble)
        default: fatalError("not a number: \(v)")
        }
    }

    static func numbers(_ a: BSONValue, _ b: BSONValue) -> Int {
        switch (number(a), number(b)) {
        case (.integer(let x), .integer(let y)): return plain(x, y)
        case (.real(let x), .real(let y)): return reals(x, y)
        case (.integer(let x), .real(let y)): return integerVersusReal(x, y)
        case (.real(let x), .integer(let y)): return -integerVersusReal(y, x)
        }
    }

    private static func reals(_ x: Double, _ y: Double) -> Int {
        if x.isNaN || y.isNaN { return x.isNaN ? (y.isNaN ? 0 : -1) : 1 }
        return x < y ? -1 : (x == y ? 0 : 1)
    }

    /// Exact: compares the integer with the double's floor, which is an exact Int64 in range.
    private static func integerVersusReal(_ i: Int64, _ d: Double) -> Int {
        if d.isNaN { return 1 }
        if d >= 9223372036854775808.0 { return -1 }
        if d < -9223372036854775808.0 { return 1 }
        let floor = d.rounded(.down)
        let whole = Int64(floor)
        if i < whole { return -1 }
        if i > whole { return 1 }
        return d > floor ? -1 : 0
    }

    static func bytes(_ a: [UInt8], _ b: [UInt8]) -> Int {
        var i = 0
        while i < a.count && i < b.count {
            if a[i] != b[i] { return a[i] < b[i] ? -1 : 1 }
            i += 1
        }
        return plain(a.count, b.count)
    }

    static func plain<T: Comparable>(_ a: T, _ b: T) -> Int { a < b ? -1 : (a > b ? 1 : 0) }
}
