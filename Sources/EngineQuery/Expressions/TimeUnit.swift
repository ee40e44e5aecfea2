import BSON

/// The `unit` of `$dateAdd`, `$dateSubtract`, `$dateDiff` and `$dateTrunc`, and `startOfWeek`.
enum TimeUnit: String {
    case year, quarter, month, week, day, hour, minute, second, millisecond

    /// Milliseconds in one unit, for the units of fixed length.
    var fixedMillis: Int64? {
        switch self {
        case .week: 604_800_000
        case .day: 86_400_000
        case .hour: 3_600_000
        case .minute: 60_000
        case .second: 1000
        case .millisecond: 1
        default: nil
        }
    }

    /// Months in one unit, for the calendar units.
    var months: Int? {
        switch self {
        case .year: 12
        case .quarter: 3
        case .month: 1
        default: nil
        }
    }

    /// A `unit` operand; nil when it is null or missing.
    static func parse(_ value: BSONValue?, _ op: String) throws(EngineError) -> TimeUnit? {
        guard let value = Arithmetic.present(value) else { return nil }
        guard case .string(let name) = value else {
            throw EngineError(.unitNotString, "\(op) requires 'unit' to be a string, but got \(value.typeName)")
        }
        guard let unit = TimeUnit(rawValue: name) else {
            throw EngineError(.failedToParse, "\(op) parameter 'unit' value parsing failed :: caused by :: unknown time unit value: \(name)")
        }
        return unit
    }

    /// A `startOfWeek` operand as 0 (Sunday) … 6 (Saturday): Sunday without one, nil when it is null.
    static func startOfWeek(_ value: BSONValue??, _ op: String) throws(EngineError) -> Int? {
        guard let value else { return 0 }
        guard let present = Arithmetic.present(value) else { return nil }
        guard case .string(let name) = present else {
            throw EngineError(.startOfWeekNotString, "\(op) requires 'startOfWeek' to be a string, but got \(present.typeName)")
        }
        let days = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"]
        let lowered = name.lowercased()
        guard let index = days.firstIndex(where: { $0 == lowered || $0.prefix(3) == lowered }) else {
            throw EngineError(.startOfWeekUnknown, "\(op) parameter 'startOfWeek' value cannot be recognized as a day of a week: \(name)")
        }
        return index
    }
}
