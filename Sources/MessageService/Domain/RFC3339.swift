import NIOCore

/// Formats a millisecond timestamp as RFC 3339 in UTC with exactly three fractional digits,
/// e.g. `2026-11-20T22:54:03.071Z`. Integer arithmetic only, so no rounding surprises.
enum RFC3339 {
    static func format(milliseconds: Int64) -> String {
        let (days, msOfDay) = floorDivide(milliseconds, 86_400_000)
        let (year, month, day) = civilDate(daysSinceEpoch: days)
        let hour = msOfDay / 3_600_000
        let minute = msOfDay / 60_000 % 60
        let second = msOfDay / 1000 % 60
        let millisecond = msOfDay % 1000
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T"
            + "\(pad(hour, 2)):\(pad(minute, 2)):\(pad(second, 2)).\(pad(millisecond, 3))Z"
    }

    /// The instants whose year has four digits (0000-9999), which `writeQuoted` writes as bytes.
    static let fourDigitYears: Range<Int64> = -62_167_219_200_000..<253_402_300_800_000

    /// Writes `format(milliseconds:)` in quotes as bytes, without building a String.
    static func writeQuoted(milliseconds: Int64, to buffer: inout ByteBuffer) {
        guard fourDigitYears.contains(milliseconds) else {
            buffer.writeString("\"" + format(milliseconds: milliseconds) + "\"")
            return
        }
        buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: quotedCount) { out in
            writeQuoted(milliseconds: milliseconds, to: out, at: 0)
        }
    }

    /// The length of a quoted timestamp with a four-digit year.
    static let quotedCount = 26

    /// Writes a timestamp in `fourDigitYears`, quoted, into `out` at `offset` (room for `quotedCount`
    /// bytes) and returns the offset after it.
    static func writeQuoted(milliseconds: Int64, to out: UnsafeMutableRawBufferPointer, at offset: Int) -> Int {
        precondition(fourDigitYears.contains(milliseconds), "a year outside 0000-9999")
        let (days, msOfDay) = floorDivide(milliseconds, 86_400_000)
        let (year, month, day) = civilDate(daysSinceEpoch: days)
        var offset = offset
        func put(_ byte: UInt8) {
            out[offset] = byte
            offset += 1
        }
        func digits(_ value: Int64, _ width: Int) {
            var divisor: Int64 = 1
            for _ in 1..<width { divisor *= 10 }
            while divisor > 0 {
                put(UInt8(ascii: "0") + UInt8(truncatingIfNeeded: value / divisor % 10))
                divisor /= 10
            }
        }
        put(UInt8(ascii: "\""))
        digits(year, 4)
        put(UInt8(ascii: "-"))
        digits(month, 2)
        put(UInt8(ascii: "-"))
        digits(day, 2)
        put(UInt8(ascii: "T"))
        digits(msOfDay / 3_600_000, 2)
        put(UInt8(ascii: ":"))
        digits(msOfDay / 60_000 % 60, 2)
        put(UInt8(ascii: ":"))
        digits(msOfDay / 1000 % 60, 2)
        put(UInt8(ascii: "."))
        digits(msOfDay % 1000, 3)
        put(UInt8(ascii: "Z"))
        put(UInt8(ascii: "\""))
        return offset
    }

    /// Proleptic Gregorian date of a day count from 1970-01-01, working in 400-year eras of 146,097 days
    /// with years starting on 1 March so the leap day falls at the end.
    static func civilDate(daysSinceEpoch: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let shifted = daysSinceEpoch + 719_468  // days from 0000-03-01 to 1970-01-01
        let (era, dayOfEra) = floorDivide(shifted, 146_097)
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153  // 0 = March
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        let year = era * 400 + yearOfEra + (month <= 2 ? 1 : 0)
        return (year, month, day)
    }

    private static func floorDivide(_ value: Int64, _ divisor: Int64) -> (quotient: Int64, remainder: Int64) {
        let remainder = value % divisor
        return remainder < 0 ? (value / divisor - 1, remainder + divisor) : (value / divisor, remainder)
    }

    private static func pad(_ value: Int64, _ width: Int) -> String {
        let digits = String(value.magnitude)
        let sign = value < 0 ? "-" : ""
        return sign + String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
