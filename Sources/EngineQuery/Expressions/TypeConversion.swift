import BSON

/// `$convert` and its shorthands (`$toInt`, `$toString`, …), with MongoDB's conversion table and its
/// ConversionFailure errors, and `$type`'s names.
enum TypeConversion {
    enum Target: String, Sendable {
        case double, string, objectId, bool, date, int, long, decimal

        /// A `to` operand: a type name or a numeric type code.
        init(_ value: BSONValue?) throws(EngineError) {
            switch value {
            case .string(let name)?:
                guard let target = Target(rawValue: name) else {
                    throw EngineError(.badValue, "Unknown type name: \(name)")
                }
                self = target
            case let number? where number.isNumber:
                let codes: [Int64: Target] = [1: .double, 2: .string, 7: .objectId, 8: .bool, 9: .date, 16: .int, 18: .long, 19: .decimal]
                guard let code = number.integerValue, let target = codes[code] else {
                    throw EngineError(.failedToParse, "In $convert, numeric value for 'to' does not correspond to a BSON type: \(number)")
                }
                self = target
            case nil, .null?:
                throw EngineError(.failedToParse, "$convert requires that 'to' be a string or number, found: null")
            case let other?:
                throw EngineError(.failedToParse, "$convert requires that 'to' be a string or number, found: \(other.typeName)")
            }
        }
    }

    static func typeAlias(_ value: BSONValue) -> String { value.typeName }

    /// `onError` and `onNull` are nil when not given (an error or null result then stands).
    static func convert(_ input: BSONValue?, to target: Target, onError: BSONValue??, onNull: BSONValue??) throws(EngineError) -> BSONValue? {
        guard let value = Arithmetic.present(input) else {
            if let onNull { return onNull }
            return .null
        }
        do {
            return try convert(value, to: target)
        } catch {
            if let onError { return onError }
            throw error
        }
    }

    private static func failure(_ message: String) -> EngineError {
        EngineError(.conversionFailure, "\(message) in $convert with no onError value")
    }

    private static func unsupported(_ value: BSONValue, _ target: Target) -> EngineError {
        failure("Unsupported conversion from \(value.typeName) to \(target.rawValue)")
    }

    private static func convert(_ value: BSONValue, to target: Target) throws(EngineError) -> BSONValue {
        switch target {
        case .string: return .string(try string(value))
        case .bool:
            switch value {
            case .bool: return value
            case .string, .objectId, .datetime, .timestamp: return .bool(true)
            case let n where n.isNumber: return .bool(Truth.isTrue(n))
            default: throw unsupported(value, target)
            }
        case .int, .long: return try integer(value, long: target == .long)
        case .double:
            switch value {
            case .double: return value
            case .int32(let v): return .double(Double(v))
            case .int64(let v): return .double(Double(v))
            case .bool(let b): return .double(b ? 1 : 0)
            case .datetime(let ms): return .double(Double(ms))
            case .decimal128(let d): return .double(DecimalMath.double(try DecimalMath.decimal(d)))
            case .string(let s):
                guard let parsed = parseDouble(s) else { throw failure("Failed to parse number '\(s)'") }
                return .double(parsed)
            default: throw unsupported(value, target)
            }
        case .decimal:
            switch value {
            case .decimal128: return value
            case .bool(let b): return .decimal128(Decimal128(low: b ? 1 : 0, high: 0x3040_0000_0000_0000))
            case .int32, .int64, .double: return try DecimalMath.decimal128(try DecimalMath.decimal(value))
            case .datetime(let ms): return .decimal128(Decimal128(String(ms)) ?? Decimal128(low: 0, high: 0))
            case .string(let s):
                guard let parsed = Decimal128(s) else { throw failure("Failed to parse number '\(s)'") }
                return .decimal128(parsed)
            default: throw unsupported(value, target)
            }
        case .objectId:
            switch value {
            case .objectId: return value
            case .string(let s):
                guard ObjectId.isCanonicalHex(s) || s.count == 24, let oid = ObjectId(hex: s) else {
                    throw failure("Failed to parse objectId '\(s)'")
                }
                return .objectId(oid)
            default: throw unsupported(value, target)
            }
        case .date:
            switch value {
            case .datetime: return value
            case .int64(let v): return .datetime(v)
            case .double(let d):
                guard let ms = Int64(exactly: d.rounded(.towardZero)) else { throw failure("Conversion would overflow target type") }
                return .datetime(ms)
            case .decimal128:
                guard case .int64(let ms) = try integer(value, long: true) else { throw unsupported(value, target) }
                return .datetime(ms)
            case .timestamp, .objectId:
                guard let ms = try DateInput.millis(value) else { throw unsupported(value, target) }
                return .datetime(ms)
            case .string(let s):
                guard let ms = ISODate.parse(s) else { throw failure("Error parsing date string '\(s)'") }
                return .datetime(ms)
            default: throw unsupported(value, target)
            }
        }
    }

    private static func integer(_ value: BSONValue, long: Bool) throws(EngineError) -> BSONValue {
        let target: Target = long ? .long : .int
        let result: Int64
        switch value {
        case .int32(let v): result = Int64(v)
        case .int64(let v): result = v
        case .bool(let b): result = b ? 1 : 0
        case .double(let d):
            guard d.isFinite else { throw failure("Attempt to convert \(d.isNaN ? "NaN" : "infinity") value to integer") }
            guard let whole = Int64(exactly: d.rounded(.towardZero)) else { throw failure("Conversion would overflow target type") }
            result = whole
        case .decimal128(let d):
            let x = try DecimalMath.decimal(d)
            guard let whole = Int64(DecimalMath.text(DecimalMath.round(x, places: 0, x < 0 ? .up : .down))) else {
                throw failure("Conversion would overflow target type")
            }
            result = whole
        case .datetime(let ms) where long: result = ms
        case .string(let s):
            guard let parsed = Int64(s), s.first != "+" else { throw failure("Failed to parse number '\(s)'") }
            result = parsed
        default: throw unsupported(value, target)
        }
        if long { return .int64(result) }
        guard let small = Int32(exactly: result) else { throw failure("Conversion would overflow target type") }
        return .int32(small)
    }

    private static func parseDouble(_ text: String) -> Double? {
        switch text {
        case "Infinity", "inf": return .infinity
        case "-Infinity", "-inf": return -.infinity
        case "NaN", "nan": return .nan
        default:
            guard !text.isEmpty, text.unicodeScalars.allSatisfy({ "0123456789+-.eE".unicodeScalars.contains($0) }) else { return nil }
            return Double(text)
        }
    }

    /// The string form MongoDB gives each type (`$toString`, `$concat` inputs, `$toLower`).
    static func string(_ value: BSONValue) throws(EngineError) -> String {
        switch value {
        case .string(let s): return s
        case .bool(let b): return b ? "true" : "false"
        case .int32(let v): return String(v)
        case .int64(let v): return String(v)
        case .double(let d): return doubleString(d)
        case .decimal128(let d): return d.description
        case .objectId(let oid): return oid.hex
        case .datetime(let ms): return try DateFormatting.format(ms, offset: 0, DateFormatting.defaultFormat)
        case .timestamp(let t, let i): return "Timestamp(\(t), \(i))"
        default: throw unsupported(value, .string)
        }
    }

    /// Shortest round-tripping digits, integral values without a fraction, as MongoDB prints doubles.
    static func doubleString(_ d: Double) -> String {
        if d.isNaN { return "NaN" }
        if d.isInfinite { return d < 0 ? "-Infinity" : "Infinity" }
        var text = d.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        return text
    }
}
