/// Parses the ISO 8601 date strings `$toDate`/`$convert` accept: `2024-02-29`, `2024-02-29T13:05:09`,
/// with optional milliseconds (`.123`) and a zone (`Z`, `+01:00`, `-0530`). Returns epoch milliseconds.
enum ISODate {
    static func parse(_ text: String) -> Int64? {
        var scanner = Scanner(Array(text.utf8))
        guard let year = scanner.number(4), scanner.take("-"), let month = scanner.number(2), scanner.take("-"),
              let day = scanner.number(2), (1...12).contains(month), (1...daysIn(month, year)).contains(day) else { return nil }
        var millis = Int64(CivilTime.days(fromCivil: year, month, day)) * 86_400_000
        if scanner.atEnd { return millis }
        guard scanner.take("T") || scanner.take(" "), let hour = scanner.number(2), scanner.take(":"),
              let minute = scanner.number(2), hour < 24, minute < 60 else { return nil }
        var second = 0
        if scanner.take(":") {
            guard let s = scanner.number(2), s < 60 else { return nil }
            second = s
        }
        var fraction = 0
        if scanner.take(".") {
            guard let digits = scanner.digits(), !digits.isEmpty else { return nil }
            let kept = digits.prefix(3)
            fraction = Int(String(decoding: kept, as: UTF8.self)) ?? 0
            for _ in kept.count..<3 { fraction *= 10 }
        }
        millis += Int64(((hour * 60 + minute) * 60 + second) * 1000 + fraction)
        if scanner.atEnd || (scanner.take("Z") && scanner.atEnd) { return millis }
        guard let sign = scanner.next(), sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-"),
              let hours = scanner.number(2) else { return nil }
        _ = scanner.take(":")
        let minutes = scanner.number(2) ?? 0
        guard scanner.atEnd else { return nil }
        let offset = Int64((hours * 60 + minutes) * 60_000)
        return sign == UInt8(ascii: "+") ? millis - offset : millis + offset
    }

    static func daysIn(_ month: Int, _ year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    private struct Scanner {
        let bytes: [UInt8]
        var index = 0

        init(_ bytes: [UInt8]) { self.bytes = bytes }

        var atEnd: Bool { index == bytes.count }

        mutating func next() -> UInt8? {
            guard index < bytes.count else { return nil }
            defer { index += 1 }
            return bytes[index]
        }

        mutating func take(_ c: Unicode.Scalar) -> Bool {
            guard index < bytes.count, bytes[index] == UInt8(ascii: c) else { return false }
            index += 1
            return true
        }

        mutating func number(_ width: Int) -> Int? {
            guard index + width <= bytes.count else { return nil }
            var value = 0
            for byte in bytes[index..<(index + width)] {
                guard byte >= 48, byte <= 57 else { return nil }
                value = value * 10 + Int(byte - 48)
            }
            index += width
            return value
        }

        mutating func digits() -> ArraySlice<UInt8>? {
            let start = index
            while index < bytes.count, bytes[index] >= 48, bytes[index] <= 57 { index += 1 }
            return bytes[start..<index]
        }
    }
}
