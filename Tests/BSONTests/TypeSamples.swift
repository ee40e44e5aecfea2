import Testing

@testable import BSON

/// One value of each BSON type the project meets, plus the edge cases of each that codecs get wrong.
struct TypeSample: CustomTestStringConvertible, Sendable {
    let name: String
    let value: BSONValue
    /// The BSON type byte the value must be encoded with.
    let typeByte: UInt8
    /// Whether relaxed Extended JSON keeps the exact type (it turns int64 into plain numbers, for example).
    let relaxedKeepsType: Bool
    /// Whether libbson can parse its own relaxed output back (see `Document.relaxedExtendedJSON`).
    let relaxedParses: Bool

    init(
        _ name: String, _ value: BSONValue, type typeByte: UInt8, relaxedKeepsType: Bool = true,
        relaxedParses: Bool = true
    ) {
        self.name = name
        self.value = value
        self.typeByte = typeByte
        self.relaxedKeepsType = relaxedKeepsType
        self.relaxedParses = relaxedParses
    }

    var testDescription: String { name }

    static let all: [TypeSample] = [
        TypeSample("double", .double(1.5), type: 0x01),
        TypeSample("double integral", .double(42.0), type: 0x01),
        TypeSample("double tiny", .double(.leastNonzeroMagnitude), type: 0x01),
        TypeSample("double -0.0", .double(-0.0), type: 0x01),
        TypeSample("double NaN", .double(.nan), type: 0x01),
        TypeSample("double +inf", .double(.infinity), type: 0x01),
        TypeSample("double -inf", .double(-.infinity), type: 0x01),
        TypeSample("double max", .double(.greatestFiniteMagnitude), type: 0x01),
        TypeSample("string", .string("hello"), type: 0x02),
        TypeSample("string empty", .string(""), type: 0x02),
        TypeSample("string with NUL", .string("a\u{0}b\u{0}"), type: 0x02),
        TypeSample("string unicode", .string("héllo wörld — 日本語 👋🏽"), type: 0x02),
        TypeSample("string JSON specials", .string("quote\" backslash\\ newline\n tab\t ctl\u{1}"), type: 0x02),
        TypeSample("document", .document(["x": 1, "y": ["z": "deep"]]), type: 0x03),
        TypeSample("document empty", .document(Document()), type: 0x03),
        TypeSample("array", .array([1, "two", 3.5, [4], ["five": 5]]), type: 0x04),
        TypeSample("array empty", .array([]), type: 0x04),
        TypeSample("binary generic", .binary(subtype: 0, data: [0, 1, 2, 0xFF]), type: 0x05),
        TypeSample("binary empty", .binary(subtype: 0, data: []), type: 0x05),
        TypeSample("binary function", .binary(subtype: 1, data: [7]), type: 0x05),
        TypeSample("binary old", .binary(subtype: 2, data: [9, 8, 7]), type: 0x05),
        TypeSample("binary uuid", .binary(subtype: 4, data: Array(0..<16)), type: 0x05),
        TypeSample("binary md5", .binary(subtype: 5, data: Array(repeating: 0xAB, count: 16)), type: 0x05),
        TypeSample("binary user", .binary(subtype: 0x80, data: [1, 2]), type: 0x05),
        TypeSample("undefined", .undefined, type: 0x06),
        TypeSample("objectId", .objectId(ObjectId(hex: "5f1b2c3d4e5f60718293a4b5")!), type: 0x07),
        TypeSample("bool true", .bool(true), type: 0x08),
        TypeSample("bool false", .bool(false), type: 0x08),
        TypeSample("datetime", .datetime(1_700_000_000_123), type: 0x09),
        TypeSample("datetime epoch", .datetime(0), type: 0x09),
        TypeSample("datetime before epoch", .datetime(-1), type: 0x09),
        TypeSample("datetime max", .datetime(.max), type: 0x09, relaxedParses: false),
        TypeSample("datetime last of year 9999", .datetime(253_402_300_799_999), type: 0x09),
        TypeSample("datetime min", .datetime(.min), type: 0x09),
        TypeSample("null", .null, type: 0x0A),
        TypeSample("regex", .regex(pattern: "^a.*b$", options: "imsx"), type: 0x0B),
        TypeSample("regex no options", .regex(pattern: "x", options: ""), type: 0x0B),
        TypeSample("regex empty pattern", .regex(pattern: "", options: "i"), type: 0x0B),
        TypeSample("regex unicode", .regex(pattern: "ü+/\\d", options: "u"), type: 0x0B),
        TypeSample("int32", .int32(7), type: 0x10),
        TypeSample("int32 min", .int32(.min), type: 0x10),
        TypeSample("int32 max", .int32(.max), type: 0x10),
        TypeSample("timestamp", .timestamp(t: 1_700_000_000, i: 3), type: 0x11),
        TypeSample("timestamp max", .timestamp(t: .max, i: .max), type: 0x11),
        TypeSample("int64", .int64(7), type: 0x12, relaxedKeepsType: false),
        TypeSample("int64 min", .int64(.min), type: 0x12),
        TypeSample("int64 max", .int64(.max), type: 0x12),
        TypeSample("decimal128", .decimal128(Decimal128("1.50")!), type: 0x13),
        TypeSample("decimal128 -0", .decimal128(Decimal128("-0")!), type: 0x13),
        TypeSample("decimal128 NaN", .decimal128(Decimal128("NaN")!), type: 0x13),
        TypeSample("decimal128 -Infinity", .decimal128(Decimal128("-Infinity")!), type: 0x13),
        TypeSample("decimal128 large", .decimal128(Decimal128("9.999999999999999999999999999999999E+6144")!), type: 0x13),
        TypeSample("minKey", .minKey, type: 0xFF),
        TypeSample("maxKey", .maxKey, type: 0x7F),
    ]

    /// All samples in one document, keys "0", "1", ...
    static var everything: Document {
        Document(all.enumerated().map { (String($0.offset), $0.element.value) })
    }
}
