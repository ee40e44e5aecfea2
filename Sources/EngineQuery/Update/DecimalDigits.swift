/// Schoolbook arithmetic on unsigned decimal digit arrays (most significant first), for `DecimalValue`.
enum DecimalDigits {
    static func add(_ a: [UInt8], _ b: [UInt8]) -> [UInt8] {
        var result: [UInt8] = []
        var carry: UInt8 = 0
        var i = a.count - 1
        var j = b.count - 1
        while i >= 0 || j >= 0 || carry > 0 {
            let sum = (i >= 0 ? a[i] : 0) + (j >= 0 ? b[j] : 0) + carry
            result.append(sum % 10)
            carry = sum / 10
            i -= 1
            j -= 1
        }
        return trimmed(result.reversed())
    }

    /// `a - b` for `a >= b`.
    static func subtract(_ a: [UInt8], _ b: [UInt8]) -> [UInt8] {
        var result: [UInt8] = []
        var borrow: Int = 0
        var j = b.count - 1
        for i in stride(from: a.count - 1, through: 0, by: -1) {
            var difference = Int(a[i]) - borrow - (j >= 0 ? Int(b[j]) : 0)
            borrow = difference < 0 ? 1 : 0
            if difference < 0 { difference += 10 }
            result.append(UInt8(difference))
            j -= 1
        }
        return trimmed(result.reversed())
    }

    static func multiply(_ a: [UInt8], _ b: [UInt8]) -> [UInt8] {
        guard !a.isEmpty, !b.isEmpty else { return [] }
        var columns = [Int](repeating: 0, count: a.count + b.count)
        for (i, x) in a.reversed().enumerated() {
            for (j, y) in b.reversed().enumerated() { columns[i + j] += Int(x) * Int(y) }
        }
        var carry = 0
        for index in columns.indices {
            let total = columns[index] + carry
            columns[index] = total % 10
            carry = total / 10
        }
        return trimmed(columns.reversed().map { UInt8($0) })
    }

    /// -1, 0 or 1 comparing magnitudes.
    static func compare(_ a: [UInt8], _ b: [UInt8]) -> Int {
        if a.count != b.count { return a.count < b.count ? -1 : 1 }
        for (x, y) in zip(a, b) where x != y { return x < y ? -1 : 1 }
        return 0
    }

    private static func trimmed<S: Sequence>(_ digits: S) -> [UInt8] where S.Element == UInt8 {
        Array(digits.drop { $0 == 0 })
    }
}
