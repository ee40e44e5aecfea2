extension RFC3339 {
    /// Milliseconds since the epoch of an RFC 3339 date-time: `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)`,
    /// as exported lines and clients write them. Also reads what `format(milliseconds:)` writes for years
    /// outside 0000-9999 (a sign, or more than four digits). Fractions beyond milliseconds are cut, not
    /// rounded, so a time never moves into the next millisecond. nil when the text is not such a time.
    static func parse(_ text: String) -> Int64? {
        var reader = DigitReader(Array(text.utf8))
        let negative = reader.take(UInt8(ascii: "-"))
        if !negative { _ = reader.take(UInt8(ascii: "+")) }
        // Up to six digits of year keeps every result far inside Int64.
        guard let yearDigits = reader.number(minDigits: 4, maxDigits: 6), reader.take(UInt8(ascii: "-")),
              let month = reader.number(digits: 2), reader.take(UInt8(ascii: "-")), let day = reader.number(digits: 2),
              reader.take(UInt8(ascii: "T")) || reader.take(UInt8(ascii: "t")),
              let hour = reader.number(digits: 2), reader.take(UInt8(ascii: ":")), let minute = reader.number(digits: 2),
              reader.take(UInt8(ascii: ":")), let second = reader.number(digits: 2)
        else { return nil }
        var milliseconds: Int64 = 0
        if reader.take(UInt8(ascii: ".")) {
            guard let (fraction, count) = reader.fraction() else { return nil }
            milliseconds = fraction
            for _ in count..<3 { milliseconds *= 10 }
        }
        var offsetMinutes: Int64 = 0
        if !(reader.take(UInt8(ascii: "Z")) || reader.take(UInt8(ascii: "z"))) {
            let sign: Int64
            if reader.take(UInt8(ascii: "+")) { sign = 1 } else if reader.take(UInt8(ascii: "-")) { sign = -1 } else { return nil }
            guard let offsetHours = reader.number(digits: 2), reader.take(UInt8(ascii: ":")),
                  let offsetMins = reader.number(digits: 2), offsetHours < 24, offsetMins < 60 else { return nil }
            offsetMinutes = sign * (offsetHours * 60 + offsetMins)
        }
        guard reader.atEnd else { return nil }
        let year = negative ? -yearDigits : yearDigits
        // Second 60 (a leap second) is not accepted: msgsvc never writes one and it has no millisecond of its own.
        guard (1...12).contains(month), (1...daysIn(month: month, year: year)).contains(day), hour < 24, minute < 60,
              second < 60 else { return nil }
        let days = daysSinceEpoch(year: year, month: month, day: day)
        return ((days * 24 + hour) * 60 + minute - offsetMinutes) * 60_000 + second * 1000 + milliseconds
    }

    /// The inverse of `civilDate(daysSinceEpoch:)`.
    static func daysSinceEpoch(year: Int64, month: Int64, day: Int64) -> Int64 {
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    private static func daysIn(month: Int64, year: Int64) -> Int64 {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    private struct DigitReader {
        let bytes: [UInt8]
        var index = 0

        init(_ bytes: [UInt8]) { self.bytes = bytes }

        var atEnd: Bool { index == bytes.count }

        mutating func take(_ byte: UInt8) -> Bool {
            guard index < bytes.count, bytes[index] == byte else { return false }
            index += 1
            return true
        }

        mutating func number(digits: Int) -> Int64? { number(minDigits: digits, maxDigits: digits) }

        mutating func number(minDigits: Int, maxDigits: Int) -> Int64? {
            let (value, count) = digitRun(maxDigits: maxDigits)
            return count >= minDigits ? value : nil
        }

        /// One or more digits; the value of the first three (milliseconds) and how many of those there were.
        mutating func fraction() -> (Int64, Int)? {
            let (value, count) = digitRun(maxDigits: 3)
            guard count > 0 else { return nil }
            while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) { index += 1 }
            return (value, count)
        }

        private mutating func digitRun(maxDigits: Int) -> (Int64, Int) {
            var value: Int64 = 0
            var count = 0
            while count < maxDigits, index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) {
                value = value * 10 + Int64(bytes[index] - UInt8(ascii: "0"))
                index += 1
                count += 1
            }
            return (value, count)
        }
    }
}
