import BSON
import Foundation

/// `$year`, `$month`, … : one calendar field of a date, in UTC unless a timezone is given.
enum DatePart: String, Sendable {
    case year = "$year", month = "$month", dayOfMonth = "$dayOfMonth", hour = "$hour", minute = "$minute"
    case second = "$second", millisecond = "$millisecond", dayOfWeek = "$dayOfWeek", dayOfYear = "$dayOfYear"
    case week = "$week", isoWeek = "$isoWeek", isoWeekYear = "$isoWeekYear", isoDayOfWeek = "$isoDayOfWeek"

    func apply(_ date: BSONValue?, timezone: BSONValue??) throws(EngineError) -> BSONValue? {
        guard let millis = try DateInput.millis(date) else { return .null }
        guard let offset = try DateInput.offset(timezone, at: millis) else { return .null }
        let t = CivilTime(millis: millis &+ offset)
        let value: Int
        switch self {
        case .year: value = t.year
        case .month: value = t.month
        case .dayOfMonth: value = t.day
        case .hour: value = t.hour
        case .minute: value = t.minute
        case .second: value = t.second
        case .millisecond: value = t.millisecond
        case .dayOfWeek: value = t.dayOfWeek
        case .dayOfYear: value = t.dayOfYear
        case .week: value = (t.dayOfYear - 1 + 7 - (t.dayOfWeek - 1)) / 7
        case .isoWeek: value = t.isoWeek.week
        case .isoWeekYear: value = t.isoWeek.year
        case .isoDayOfWeek: value = (t.dayOfWeek + 5) % 7 + 1
        }
        if self == .isoWeekYear { return .int64(Int64(value)) }
        return .int32(Int32(clamping: value))
    }
}

/// Reading dates and timezones from evaluated operands.
enum DateInput {
    /// Milliseconds since the epoch for a date, timestamp or ObjectId; nil for null or missing.
    static func millis(_ value: BSONValue?) throws(EngineError) -> Int64? {
        switch value {
        case nil, .null?, .undefined?: return nil
        case .datetime(let ms)?: return ms
        case .timestamp(let t, _)?: return Int64(t) * 1000
        case .objectId(let oid)?:
            let b = oid.bytes
            let seconds = UInt32(b[0]) << 24 | UInt32(b[1]) << 16 | UInt32(b[2]) << 8 | UInt32(b[3])
            return Int64(seconds) * 1000
        case let other?:
            throw EngineError(.cannotConvertToDate, "can't convert from BSON type \(other.typeName) to Date")
        }
    }

    /// The timezone's offset from UTC in milliseconds at `millis`: 0 without one; nil when it is null.
    static func offset(_ timezone: BSONValue??, at millis: Int64) throws(EngineError) -> Int64? {
        try zone(timezone)?.offset(at: millis)
    }

    /// The zone a `timezone` operand names: UTC without one; nil when it is null. Offsets ("+05:30",
    /// "-0800", "+03") and Olson names ("Europe/Paris") are understood; anything else is an error.
    static func zone(_ timezone: BSONValue??) throws(EngineError) -> Zone? {
        guard let timezone else { return .fixed(0) }
        guard let zone = Arithmetic.present(timezone) else { return nil }
        guard case .string(let name) = zone else {
            throw EngineError(.timezoneNotString, "timezone must evaluate to a string, found \(zone.typeName)")
        }
        if ["UTC", "GMT", "Z"].contains(name) { return .fixed(0) }
        if let fixed = fixedOffset(name) { return .fixed(fixed) }
        if name.contains("/"), let named = TimeZone(identifier: name) { return .named(named) }
        throw EngineError(.unrecognizedTimezone, "unrecognized time zone identifier: \"\(name)\"")
    }

    enum Zone {
        case fixed(Int64)
        case named(TimeZone)

        func offset(at millis: Int64) -> Int64 {
            switch self {
            case .fixed(let offset): return offset
            case .named(let zone):
                return Int64(zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(millis) / 1000))) * 1000
            }
        }

        var isUTC: Bool {
            if case .fixed(0) = self { return true }
            return false
        }
    }

    private static func fixedOffset(_ text: String) -> Int64? {
        let scalars = Array(text.unicodeScalars)
        guard let sign = scalars.first, sign == "+" || sign == "-" else { return nil }
        let digits = scalars.dropFirst().filter { $0 != ":" }
        guard digits.count == 2 || digits.count == 4, digits.allSatisfy({ $0.properties.numericType != nil && $0.isASCII }),
              scalars.count - 1 - digits.count <= (digits.count == 4 ? 1 : 0) else { return nil }
        let numbers = digits.map { Int64($0.value - 48) }
        let hours = numbers[0] * 10 + numbers[1]
        let minutes = digits.count == 4 ? numbers[2] * 10 + numbers[3] : 0
        let total = (hours * 60 + minutes) * 60_000
        return sign == "-" ? -total : total
    }
}
