import BSON

/// `$dateToString` and the ISO form dates take when converted to strings.
enum DateFormatting {
    static let defaultFormat = "%Y-%m-%dT%H:%M:%S.%LZ"

    /// MongoDB's order: the format and the timezone are checked first; then a null date gives `onNull`
    /// (or null); then a null format or timezone gives null. Outside UTC the default format has no "Z".
    static func dateToString(date: BSONValue?, format: BSONValue??, timezone: BSONValue??, onNull: BSONValue??) throws(EngineError) -> BSONValue? {
        var pattern: String?
        if let format, let value = Arithmetic.present(format) {
            guard case .string(let s) = value else {
                throw EngineError(.dateFormatNotString, "$dateToString requires that 'format' be a string, found: \(value.typeName) with value \(value)")
            }
            try validate(s)
            pattern = s
        }
        let zone = try DateInput.zone(timezone)
        guard let millis = try DateInput.millis(date) else {
            if let onNull { return onNull }
            return .null
        }
        guard let zone else { return .null }
        if format != nil && pattern == nil { return .null }
        let chosen = pattern ?? (zone.isUTC ? defaultFormat : "%Y-%m-%dT%H:%M:%S.%L")
        return .string(try Self.format(millis, offset: zone.offset(at: millis), chosen))
    }

    private static let specifiers: Set<Character> = ["d", "G", "H", "j", "L", "m", "M", "S", "w", "u", "U", "V", "Y", "z", "Z", "%"]

    /// Format errors are reported even for null dates, as MongoDB checks the format first.
    private static func validate(_ pattern: String) throws(EngineError) {
        var iterator = pattern.makeIterator()
        while let c = iterator.next() {
            guard c == "%" else { continue }
            guard let spec = iterator.next() else { throw EngineError(.unmatchedPercent, "Unmatched '%' at end of format string") }
            guard specifiers.contains(spec) else {
                throw EngineError(.invalidFormatCharacter, "Invalid format character '%\(spec)' in format string")
            }
        }
    }

    static func format(_ millis: Int64, offset: Int64, _ pattern: String) throws(EngineError) -> String {
        let t = CivilTime(millis: millis &+ offset)
        var out = ""
        var iterator = pattern.makeIterator()
        while let c = iterator.next() {
            guard c == "%", let spec = iterator.next() else {
                out.append(c)
                continue
            }
            switch spec {
            case "Y":
                guard (0...9999).contains(t.year) else {
                    throw EngineError(.yearOutOfRange, "$dateToString is only defined on year 0-9999, tried to use year \(t.year)")
                }
                out += pad(t.year, 4)
            case "G": out += pad(t.isoWeek.year, 4)
            case "m": out += pad(t.month, 2)
            case "d": out += pad(t.day, 2)
            case "H": out += pad(t.hour, 2)
            case "M": out += pad(t.minute, 2)
            case "S": out += pad(t.second, 2)
            case "L": out += pad(t.millisecond, 3)
            case "j": out += pad(t.dayOfYear, 3)
            case "w": out += String(t.dayOfWeek)
            case "u": out += String((t.dayOfWeek + 5) % 7 + 1)
            case "U": out += pad((t.dayOfYear - 1 + 7 - (t.dayOfWeek - 1)) / 7, 2)
            case "V": out += pad(t.isoWeek.week, 2)
            case "z":
                let minutes = Int(offset / 60_000)
                out += (minutes < 0 ? "-" : "+") + pad(abs(minutes) / 60, 2) + pad(abs(minutes) % 60, 2)
            case "Z": out += String(offset / 60_000)
            default: out.append("%")
            }
        }
        return out
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(abs(value))
        return (value < 0 ? "-" : "") + String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
