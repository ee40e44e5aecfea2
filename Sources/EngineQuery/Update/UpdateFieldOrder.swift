/// The order in which an update visits the fields it names at one level, which is the order new
/// fields are appended in: byte order of the names, except that array positions ("2", "10") compare
/// as numbers. Names with leading zeros are not positions and compare as text.
enum UpdateFieldOrder {
    static func areInIncreasingOrder(_ a: String, _ b: String) -> Bool {
        if isPositionLike(a), isPositionLike(b), a.utf8.count != b.utf8.count {
            return a.utf8.count < b.utf8.count
        }
        return BSONOrder.compareUTF8(a, b) < 0
    }

    private static func isPositionLike(_ name: String) -> Bool {
        guard let first = name.utf8.first, first >= 0x30, first <= 0x39 else { return false }
        return first != 0x30 || name.utf8.count == 1
    }

    /// The array position a name addresses: decimal digits only (leading zeros allowed, as MongoDB reads them).
    static func arrayIndex(_ name: String) -> Int? {
        guard !name.isEmpty, name.utf8.count <= 18, name.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        return Int(name)
    }
}
