import BSON

/// MongoDB's total order over BSON values, the one `sort`, range predicates and indexes agree on.
///
/// Brackets: MinKey < null/undefined < numbers < strings < objects < arrays < binData < ObjectId <
/// bool < date < timestamp < regex < MaxKey. Within a bracket: numbers by exact value (NaN lowest,
/// -0.0 == 0.0; decimal128 through its nearest Double), strings by UTF-8 bytes (no collation),
/// objects field by field (bracket, then name, then value; a prefix sorts first), arrays element by
/// element, binData by length then subtype then bytes, timestamps as unsigned (t, i).
/// Undefined is treated as null, as the brief for this engine chose; MongoDB itself puts undefined
/// just below null, a difference only deprecated data can show.
public enum BSONOrder {
    /// -1, 0 or 1 as `a` sorts before, with or after `b`.
    public static func compare(_ a: BSONValue, _ b: BSONValue) -> Int {
        let bracketA = TypeBracket(a)
        let bracketB = TypeBracket(b)
        if bracketA != bracketB { return bracketA < bracketB ? -1 : 1 }
        switch (a, b) {
        case (.string(let x), .string(let x2)):
            return compareUTF8(x, x2)
        case (.document(let x), .document(let y)):
            return compareDocuments(x, y)
        case (.array(let x), .array(let y)):
            return compareArrays(x, y)
        case (.binary(let s1, let d1), .binary(let s2, let d2)):
            if d1.count != d2.count { return d1.count < d2.count ? -1 : 1 }
            if s1 != s2 { return s1 < s2 ? -1 : 1 }
            return compareBytes(d1, d2)
        case (.objectId(let x), .objectId(let y)):
            // ObjectIds order by their bytes, which `<` compares in place.
            return x == y ? 0 : (x < y ? -1 : 1)
        case (.bool(let x), .bool(let y)):
            return x == y ? 0 : (x ? 1 : -1)
        case (.datetime(let x), .datetime(let y)):
            return sign(x, y)
        case (.timestamp(let t1, let i1), .timestamp(let t2, let i2)):
            return t1 != t2 ? sign(t1, t2) : sign(i1, i2)
        case (.regex(let p1, let o1), .regex(let p2, let o2)):
            let byPattern = compareUTF8(p1, p2)
            return byPattern != 0 ? byPattern : compareUTF8(o1, o2)
        default:
            if bracketA == .number, let x = NumericKey(a), let y = NumericKey(b) {
                return x < y ? -1 : (y < x ? 1 : 0)
            }
            // MinKey, MaxKey and null/undefined: one value per bracket.
            return 0
        }
    }

    static func compareDocuments(_ a: Document, _ b: Document) -> Int {
        let left = a.elements
        let right = b.elements
        for index in 0..<min(left.count, right.count) {
            let (keyA, valueA) = left[index]
            let (keyB, valueB) = right[index]
            let bracketA = TypeBracket(valueA)
            let bracketB = TypeBracket(valueB)
            if bracketA != bracketB { return bracketA < bracketB ? -1 : 1 }
            let byName = compareUTF8(keyA, keyB)
            if byName != 0 { return byName }
            let byValue = compare(valueA, valueB)
            if byValue != 0 { return byValue }
        }
        return sign(left.count, right.count)
    }

    static func compareArrays(_ a: [BSONValue], _ b: [BSONValue]) -> Int {
        for index in 0..<min(a.count, b.count) {
            let byValue = compare(a[index], b[index])
            if byValue != 0 { return byValue }
        }
        return sign(a.count, b.count)
    }

    /// Byte order of the UTF-8 encodings. Swift's own String comparison uses Unicode canonical
    /// equivalence, which MongoDB does not.
    static func compareUTF8(_ a: String, _ b: String) -> Int {
        var a = a
        var b = b
        return a.withUTF8 { x in b.withUTF8 { y in compareBytes(x, y) } }
    }

    static func equalUTF8(_ a: String, _ b: String) -> Bool {
        a.utf8.count == b.utf8.count && compareUTF8(a, b) == 0
    }

    static func compareBytes<C: Collection>(_ a: C, _ b: C) -> Int where C.Element == UInt8 {
        var i = a.startIndex
        var j = b.startIndex
        while i != a.endIndex, j != b.endIndex {
            if a[i] != b[j] { return a[i] < b[j] ? -1 : 1 }
            a.formIndex(after: &i)
            b.formIndex(after: &j)
        }
        if i == a.endIndex { return j == b.endIndex ? 0 : -1 }
        return 1
    }

    static func sign<T: Comparable>(_ a: T, _ b: T) -> Int { a < b ? -1 : (a == b ? 0 : 1) }
}
