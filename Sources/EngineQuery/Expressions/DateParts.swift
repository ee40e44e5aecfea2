import BSON

/// `$dateToParts` and `$dateFromParts`. Out-of-range parts carry over as MongoDB's calendar does: month 13
/// is January of the next year, day 0 the last day of the month before, hour 25 one o'clock the next day.
enum DateParts {
    static let naturalFields = ["year", "month", "day"]
    static let isoFields = ["isoWeekYear", "isoWeek", "isoDayOfWeek"]
    static let timeFields = ["hour", "minute", "second", "millisecond"]

    static func toParts(date: BSONValue?, timezone: BSONValue??, iso8601: BSONValue??) throws(EngineError) -> BSONValue? {
        guard let zone = try DateInput.zone(timezone) else { return .null }
        var iso = false
        if let iso8601 {
            guard let flag = Arithmetic.present(iso8601) else { return .null }
            guard case .bool(let b) = flag else {
                throw EngineError(.iso8601NotBool, "iso8601 must evaluate to a bool, found \(flag.typeName)")
            }
            iso = b
        }
        guard let millis = try DateInput.millis(date) else { return .null }
        let t = CivilTime(millis: millis &+ zone.offset(at: millis))
        let time: [(String, BSONValue)] = [("hour", .int32(Int32(t.hour))), ("minute", .int32(Int32(t.minute))),
                                           ("second", .int32(Int32(t.second))), ("millisecond", .int32(Int32(t.millisecond)))]
        let date: [(String, BSONValue)] = iso
            ? [("isoWeekYear", .int32(Int32(clamping: t.isoWeek.year))), ("isoWeek", .int32(Int32(t.isoWeek.week))),
               ("isoDayOfWeek", .int32(Int32((t.dayOfWeek + 5) % 7 + 1)))]
            : [("year", .int32(Int32(clamping: t.year))), ("month", .int32(Int32(t.month))), ("day", .int32(Int32(t.day)))]
        return .document(Document(date + time))
    }

    /// `parts` holds each given part's value (missing ones take their defaults); nil values are null.
    static func fromParts(_ parts: [String: BSONValue?], iso: Bool, timezone: BSONValue??) throws(EngineError) -> BSONValue? {
        var numbers: [String: Int64] = [:]
        for name in timeFields + (iso ? isoFields : naturalFields) {
            guard let given = parts[name] else { continue }
            guard let value = Arithmetic.present(given) else { return .null }
            guard value.isNumber, let n = value.integerValue else {
                throw EngineError(.datePartNotInteger, "'\(name)' must evaluate to an integer, found \(value.typeName) with value \(value)")
            }
            let bounded = !["second", "millisecond", "year", "isoWeekYear"].contains(name)
            if bounded && !(-32768...32767).contains(n) {
                throw EngineError(.datePartOutOfRange, "'\(name)' must evaluate to a value in the range [-32768, 32767]; value \(n) is not in range")
            }
            numbers[name] = n
        }
        guard let zone = try DateInput.zone(timezone) else { return .null }
        let days: Int
        if iso {
            let year = numbers["isoWeekYear"] ?? 1970
            guard (1...9999).contains(year) else {
                throw EngineError(.isoWeekYearOutOfRange, "'isoWeekYear' must evaluate to an integer in the range 1 to 9999, found \(year)")
            }
            let jan4 = CivilTime.days(fromCivil: Int(year), 1, 4)
            let jan4Weekday = ((jan4 + 4).floorModulo(7) + 6) % 7 + 1  // Monday 1 … Sunday 7
            days = jan4 - (jan4Weekday - 1) + Int((numbers["isoWeek"] ?? 1) - 1) * 7 + Int((numbers["isoDayOfWeek"] ?? 1) - 1)
        } else {
            let year = numbers["year"] ?? 1970
            guard (1...9999).contains(year) else {
                throw EngineError(.yearPartOutOfRange, "'year' must evaluate to an integer in the range 1 to 9999, found \(year)")
            }
            let monthIndex = Int(year) * 12 + Int((numbers["month"] ?? 1) - 1)
            days = CivilTime.days(fromCivil: monthIndex.floorDivided(by: 12), monthIndex.floorModulo(12) + 1, 1) + Int((numbers["day"] ?? 1) - 1)
        }
        var local = Int64(days) * 86_400_000
        let units: [(String, Int64)] = [("hour", 3_600_000), ("minute", 60_000), ("second", 1000), ("millisecond", 1)]
        for (name, length) in units {
            let (delta, o1) = (numbers[name] ?? 0).multipliedReportingOverflow(by: length)
            let (sum, o2) = local.addingReportingOverflow(delta)
            guard !o1, !o2 else { throw EngineError(.overflow, "$dateFromParts overflowed") }
            local = sum
        }
        return .datetime(DateArithmetic.toUTC(local, zone))
    }
}
