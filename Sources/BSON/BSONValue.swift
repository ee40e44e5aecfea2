/// One BSON value. Every type the project meets is here; decimal128 is carried opaquely.
public enum BSONValue: Sendable, Hashable {
    case double(Double)
    case string(String)
    case document(Document)
    case array([BSONValue])
    case binary(subtype: UInt8, data: [UInt8])
    case undefined
    case objectId(ObjectId)
    case bool(Bool)
    /// Milliseconds since the Unix epoch, UTC.
    case datetime(Int64)
    case null
    case regex(pattern: String, options: String)
    case int32(Int32)
    case timestamp(t: UInt32, i: UInt32)
    case int64(Int64)
    case decimal128(Decimal128)
    case minKey
    case maxKey
}

extension BSONValue {
    public var stringValue: String? { if case .string(let s) = self { s } else { nil } }
    public var documentValue: Document? { if case .document(let d) = self { d } else { nil } }
    public var arrayValue: [BSONValue]? { if case .array(let a) = self { a } else { nil } }
    public var boolValue: Bool? { if case .bool(let b) = self { b } else { nil } }
    public var objectIdValue: ObjectId? { if case .objectId(let o) = self { o } else { nil } }
    public var datetimeValue: Int64? { if case .datetime(let d) = self { d } else { nil } }

    /// The value as a whole number if it is numeric and integral (int32, int64 or an integral double).
    public var integerValue: Int64? {
        switch self {
        case .int32(let v): return Int64(v)
        case .int64(let v): return v
        case .double(let d):
            guard d.isFinite, d.rounded() == d, d >= -9.2e18, d <= 9.2e18 else { return nil }
            return Int64(d)
        default: return nil
        }
    }

    /// The value as a Double if numeric (int32, int64, double).
    public var doubleValue: Double? {
        switch self {
        case .int32(let v): return Double(v)
        case .int64(let v): return Double(v)
        case .double(let d): return d
        default: return nil
        }
    }

    public var isNumber: Bool {
        switch self {
        case .int32, .int64, .double, .decimal128: return true
        default: return false
        }
    }

    /// MongoDB's `$type` alias for the value, as error messages name it.
    public var typeName: String {
        switch self {
        case .double: "double"
        case .string: "string"
        case .document: "object"
        case .array: "array"
        case .binary: "binData"
        case .undefined: "undefined"
        case .objectId: "objectId"
        case .bool: "bool"
        case .datetime: "date"
        case .null: "null"
        case .regex: "regex"
        case .int32: "int"
        case .timestamp: "timestamp"
        case .int64: "long"
        case .decimal128: "decimal"
        case .minKey: "minKey"
        case .maxKey: "maxKey"
        }
    }
}

// Deliberately not ExpressibleByNilLiteral: that would make `document["missing"] == nil` compare against
// `.null` and be false.
extension BSONValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral,
    ExpressibleByBooleanLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral
{
    public init(stringLiteral value: String) { self = .string(value) }
    /// Integer literals become int32 when they fit, as the shell does, else int64.
    public init(integerLiteral value: Int) {
        self = Int32(exactly: value).map { .int32($0) } ?? .int64(Int64(value))
    }
    public init(floatLiteral value: Double) { self = .double(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(arrayLiteral elements: BSONValue...) { self = .array(elements) }
    public init(dictionaryLiteral elements: (String, BSONValue)...) { self = .document(Document(elements)) }
}
