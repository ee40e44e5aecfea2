import BSON

/// MongoDB's canonical type order. Types in one bracket compare by value with each other; values in
/// different brackets compare by bracket alone. The raw value is also the leading byte of an index key
/// component (see `IndexKey`), so the numbers are spaced out and never 0, which ends embedded
/// documents and arrays inside a key.
enum TypeBracket: UInt8, Comparable {
    case minKey = 0x10
    /// Null and undefined (and, for matching and sorting, a missing field).
    case null = 0x20
    case number = 0x30
    case string = 0x40
    case object = 0x50
    case array = 0x60
    case binData = 0x70
    case objectId = 0x80
    case bool = 0x90
    case date = 0xA0
    case timestamp = 0xB0
    case regex = 0xC0
    case maxKey = 0xF0

    init(_ value: BSONValue) {
        switch value {
        case .minKey: self = .minKey
        case .null, .undefined: self = .null
        case .int32, .int64, .double, .decimal128: self = .number
        case .string: self = .string
        case .document: self = .object
        case .array: self = .array
        case .binary: self = .binData
        case .objectId: self = .objectId
        case .bool: self = .bool
        case .datetime: self = .date
        case .timestamp: self = .timestamp
        case .regex: self = .regex
        case .maxKey: self = .maxKey
        }
    }

    static func < (a: TypeBracket, b: TypeBracket) -> Bool { a.rawValue < b.rawValue }
}
