import BSON
import EngineQuery

/// Typed access to a command's optional fields, failing the way MongoDB does:
/// `BSON field 'find.limit' is the wrong type 'string', expected type 'long'` (TypeMismatch, 14).
struct CommandFields {
    let command: String
    let body: Document

    /// Drivers send `null` for options they leave at the default, so null reads as absent.
    private func field(_ key: String) -> BSONValue? {
        guard let value = body[key], value != .null else { return nil }
        return value
    }

    private func wrongType(_ key: String, _ value: BSONValue, _ expected: String) -> EngineError {
        EngineError(.typeMismatch, "BSON field '\(command).\(key)' is the wrong type '\(value.typeName)', expected type '\(expected)'")
    }

    func document(_ key: String) throws(EngineError) -> Document? {
        guard let value = field(key) else { return nil }
        guard case .document(let document) = value else { throw wrongType(key, value, "object") }
        return document
    }

    func array(_ key: String) throws(EngineError) -> [BSONValue]? {
        guard let value = field(key) else { return nil }
        guard case .array(let items) = value else { throw wrongType(key, value, "array") }
        return items
    }

    func string(_ key: String) throws(EngineError) -> String? {
        guard let value = field(key) else { return nil }
        guard case .string(let string) = value else { throw wrongType(key, value, "string") }
        return string
    }

    func bool(_ key: String) throws(EngineError) -> Bool? {
        guard let value = field(key) else { return nil }
        switch value {
        case .bool(let b): return b
        case .int32, .int64, .double: return value.doubleValue != 0
        default: throw wrongType(key, value, "bool")
        }
    }

    /// A whole number (int, long, or an integral double), as MongoDB coerces numeric options. A double
    /// that is NaN, fractional or outside Int64 fails as MongoDB's does (FailedToParse, 9) and never
    /// reaches a conversion that would trap.
    func integer(_ key: String) throws(EngineError) -> Int64? {
        guard let value = field(key) else { return nil }
        guard value.isNumber else { throw wrongType(key, value, "long") }
        switch value {
        case .int32(let v): return Int64(v)
        case .int64(let v): return v
        case .double(let d):
            if d.isNaN { throw EngineError(.failedToParse, "Expected an integer, but found NaN in: \(key): nan") }
            // 2^63 is exactly representable as a double; Int64.max is not, so the upper bound is exclusive.
            guard d >= -0x1p63, d < 0x1p63 else {
                throw EngineError(.failedToParse, "Cannot represent as a 64-bit integer: \(key): \(d)")
            }
            guard d.rounded(.towardZero) == d else { throw EngineError(.failedToParse, "Expected an integer: \(key): \(d)") }
            return Int64(d)
        default:
            // Decimal128: the engine has no exact conversion, so it refuses rather than round.
            throw EngineError(.failedToParse, "Cannot represent as a 64-bit integer: \(key): \(value)")
        }
    }

    /// A whole number that must not be negative (limit, skip, batchSize).
    func count(_ key: String) throws(EngineError) -> Int? {
        guard let value = try integer(key) else { return nil }
        guard value >= 0 else {
            throw EngineError(.negativeValue, "BSON field '\(key)' value must be >= 0, actual value '\(value)'")
        }
        return Int(clamping: value)
    }
}
