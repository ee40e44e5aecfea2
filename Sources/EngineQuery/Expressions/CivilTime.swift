/// A UTC instant (milliseconds since the epoch) broken into calendar fields, for the proleptic Gregorian
/// calendar MongoDB uses, negative years and pre-1970 dates included (days-from-civil arithmetic).
struct CivilTime: Equatable {
    let year: Int
    let month: Int
    let day: Int
    let hour: Int
    let minute: Int
    let second: Int
    let millisecond: Int
    /// 1 (Sunday) through 7 (Saturday), as `$dayOfWeek` counts.
    let dayOfWeek: Int
    /// 1 through 366.
    let dayOfYear: Int

    init(millis: Int64) {
        let msPerDay: Int64 = 86_400_000
        let days = Int(millis.floorDivided(by: msPerDay))
        let inDay = Int(millis - Int64(days) * msPerDay)
        let (y, m, d) = Self.civil(fromDays: days)
        year = y
        month = m
        day = d
        hour = inDay / 3_600_000
        minute = inDay / 60_000 % 60
        second = inDay / 1000 % 60
        millisecond = inDay % 1000
        dayOfWeek = (days + 4).floorModulo(7) + 1  // 1970-01-01 was a Thursday
        dayOfYear = days - Self.days(fromCivil: y, 1, 1) + 1
    }

    static func civil(fromDays days: Int) -> (Int, Int, Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    static func days(fromCivil year: Int, _ month: Int, _ day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// ISO 8601 week-numbering year and week (weeks start on Monday; week 1 holds the first Thursday).
    var isoWeek: (year: Int, week: Int) {
        let isoWeekday = (dayOfWeek + 5) % 7 + 1  // Monday 1 … Sunday 7
        let week = (dayOfYear - isoWeekday + 10) / 7
        if week < 1 { return (year - 1, Self.isoWeeks(in: year - 1)) }
        if week > Self.isoWeeks(in: year) { return (year + 1, 1) }
        return (year, week)
    }

    private static func isoWeeks(in year: Int) -> Int {
        let jan1 = (days(fromCivil: year, 1, 1) + 4).floorModulo(7)  // 0 Sunday … 6 Saturday
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        return jan1 == 4 || (leap && jan1 == 3) ? 53 : 52
    }
}

extension Int {
    func floorModulo(_ n: Int) -> Int {
        let r = self % n
        return r < 0 ? r + n : r
    }
}

extension Int64 {
    func floorDivided(by n: Int64) -> Int64 {
        let q = self / n
        return (self % n != 0 && (self < 0) != (n < 0)) ? q - 1 : q
    }
}
