import BSON

/// `$dateAdd`/`$dateSubtract`, `$dateDiff` and `$dateTrunc`. Calendar units (month, quarter, year) and
/// days work on the local date in the timezone; a month added to the 31st lands on the month's last day.
enum DateArithmetic {
    private static let msPerDay: Int64 = 86_400_000
    /// 2000-01-01T00:00:00, where `$dateTrunc`'s bins start.
    private static let referenceDays = 10_957

    static func add(_ op: String, start: BSONValue?, unit unitValue: BSONValue?, amount amountValue: BSONValue?,
                    timezone: BSONValue??, negate: Bool) throws(EngineError) -> BSONValue? {
        guard Arithmetic.present(start) != nil, let unit = try TimeUnit.parse(unitValue, op),
              let amountPresent = Arithmetic.present(amountValue), let zone = try DateInput.zone(timezone) else { return .null }
        guard let millis = try? DateInput.millis(start) else {
            throw EngineError(.startDateNotDate, "\(op) requires startDate to be convertible to a date")
        }
        guard amountPresent.isNumber, var amount = amountPresent.integerValue else {
            throw EngineError(.amountNotInteger, "\(op) expects integer amount of time units")
        }
        if negate {
            guard amount != .min else { throw EngineError(.subtractAmountInvalid, "invalid $dateSubtract 'amount' parameter value: \(amount)") }
            amount = -amount
        }
        let overflow = EngineError(.dateAddOverflow, "\(op) overflowed")
        if let length = unit.fixedMillis, unit != .day, unit != .week {
            let (delta, o1) = amount.multipliedReportingOverflow(by: length)
            let (result, o2) = millis.addingReportingOverflow(delta)
            guard !o1, !o2 else { throw overflow }
            return .datetime(result)
        }
        // Days, weeks and calendar units move the local date, then map back through the zone.
        let local = millis &+ zone.offset(at: millis)
        var newLocal: Int64
        if let length = unit.fixedMillis {
            let (delta, o1) = amount.multipliedReportingOverflow(by: length)
            let (result, o2) = local.addingReportingOverflow(delta)
            guard !o1, !o2 else { throw overflow }
            newLocal = result
        } else {
            let (months, tooMany) = amount.multipliedReportingOverflow(by: Int64(unit.months ?? 1))
            guard !tooMany, months.magnitude < 3_600_000_000 else { throw overflow }
            let t = CivilTime(millis: local)
            let index = t.year * 12 + (t.month - 1) + Int(months)
            let year = index.floorDivided(by: 12)
            let month = index.floorModulo(12) + 1
            let day = min(t.day, ISODate.daysIn(month, year))
            newLocal = Int64(CivilTime.days(fromCivil: year, month, day)) * msPerDay + (local - Int64(CivilTime.days(fromCivil: t.year, t.month, t.day)) * msPerDay)
        }
        return .datetime(toUTC(newLocal, zone))
    }

    static func diff(start: BSONValue?, end: BSONValue?, unit unitValue: BSONValue?, timezone: BSONValue??,
                     startOfWeek: BSONValue??) throws(EngineError) -> BSONValue? {
        let op = "$dateDiff"
        guard let startValue = Arithmetic.present(start), let endValue = Arithmetic.present(end),
              let unit = try TimeUnit.parse(unitValue, op) else { return .null }
        guard let weekStart = unit == .week ? try TimeUnit.startOfWeek(startOfWeek, op) : 0 else { return .null }
        guard let zone = try DateInput.zone(timezone) else { return .null }
        let a = try date(startValue, op, "startDate")
        let b = try date(endValue, op, "endDate")
        let localA = a &+ zone.offset(at: a)
        let localB = b &+ zone.offset(at: b)
        switch unit {
        case .millisecond:
            let (difference, overflow) = b.subtractingReportingOverflow(a)
            guard !overflow else { throw EngineError(.dateDiffOverflow, "dateDiff overflowed") }
            return .int64(difference)
        case .year, .quarter, .month:
            let size = unit.months ?? 1
            let ta = CivilTime(millis: localA)
            let tb = CivilTime(millis: localB)
            let ia = (ta.year * 12 + ta.month - 1).floorDivided(by: size)
            let ib = (tb.year * 12 + tb.month - 1).floorDivided(by: size)
            return .int64(Int64(ib - ia))
        case .week:
            let da = Int(localA.floorDivided(by: msPerDay)) + 4 - weekStart
            let db = Int(localB.floorDivided(by: msPerDay)) + 4 - weekStart
            return .int64(Int64(db.floorDivided(by: 7) - da.floorDivided(by: 7)))
        default:
            let length = unit.fixedMillis ?? 1
            return .int64(localB.floorDivided(by: length) - localA.floorDivided(by: length))
        }
    }

    static func trunc(date dateValue: BSONValue?, unit unitValue: BSONValue?, binSize binValue: BSONValue??,
                      timezone: BSONValue??, startOfWeek: BSONValue??) throws(EngineError) -> BSONValue? {
        let op = "$dateTrunc"
        guard let present = Arithmetic.present(dateValue) else { return .null }
        var binSize: Int64 = 1
        if let binValue {
            guard let value = Arithmetic.present(binValue) else { return .null }
            guard value.isNumber, let n = value.integerValue else {
                throw EngineError(.binSizeNotInteger, "$dateTrunc requires 'binSize' to be a 64-bit integer, but got value '\(value)' of type \(value.typeName)")
            }
            guard n > 0 else { throw EngineError(.binSizeNotPositive, "$dateTrunc requires 'binSize' to be greater than 0, but got value \(n)") }
            binSize = n
        }
        guard let unit = try TimeUnit.parse(unitValue, op) else { return .null }
        guard let weekStart = unit == .week ? try TimeUnit.startOfWeek(startOfWeek, op) : 0 else { return .null }
        guard let zone = try DateInput.zone(timezone) else { return .null }
        let millis = try date(present, op, "date")
        let local = millis &+ zone.offset(at: millis)
        let truncated: Int64
        if let months = unit.months {
            let t = CivilTime(millis: local)
            let size = Int(clamping: binSize) &* months
            let index = (t.year - 2000) * 12 + (t.month - 1)
            let start = index.floorDivided(by: max(size, 1)) * max(size, 1)
            truncated = Int64(CivilTime.days(fromCivil: 2000 + start.floorDivided(by: 12), start.floorModulo(12) + 1, 1)) * msPerDay
        } else {
            // Weeks start on the first `startOfWeek` day on or after 2000-01-01 (a Saturday).
            let anchorDays = unit == .week ? referenceDays + (weekStart - 6).floorModulo(7) : referenceDays
            let anchor = Int64(anchorDays) * msPerDay
            let (size, overflow) = binSize.multipliedReportingOverflow(by: unit.fixedMillis ?? 1)
            guard !overflow else { return .datetime(millis) }
            truncated = anchor + (local - anchor).floorDivided(by: size) * size
        }
        return .datetime(toUTC(truncated, zone))
    }

    private static func date(_ value: BSONValue, _ op: String, _ parameter: String) throws(EngineError) -> Int64 {
        guard let result = try? DateInput.millis(value) else {
            throw EngineError(.dateParameterNotDate, "\(op) requires '\(parameter)' to be a date, but got \(value.typeName)")
        }
        return result
    }

    /// The UTC instant of a local time: the zone's offset there, found from the offset at a first guess.
    static func toUTC(_ local: Int64, _ zone: DateInput.Zone) -> Int64 {
        let guess = local &- zone.offset(at: local)
        return local &- zone.offset(at: guess)
    }
}

extension Int {
    func floorDivided(by n: Int) -> Int {
        let q = self / n
        return (self % n != 0 && (self < 0) != (n < 0)) ? q - 1 : q
    }
}
