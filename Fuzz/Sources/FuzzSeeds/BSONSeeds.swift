import BSON

/// Seeds for FuzzBSON: documents covering every type, the shapes msgsvc stores, and the odd corners of the
/// format that validation must accept or refuse (deprecated types, array keys that are not indexes).
enum BSONSeeds {
    static let oid = ObjectId(hex: "65f1a2b3c4d5e6f708192a3b")!

    static var all: [(String, [UInt8])] {
        [
            ("empty", Document().bytes),
            ("every-type", everyType.bytes),
            ("message", message.bytes),
            ("nested", (["a": ["b": ["c": [1, [2, ["d": 3]]]]], "e": []] as Document).bytes),
            ("strings", (["plain": "x", "unicode": "h\u{e9}llo \u{1F600}", "nul": "a\u{0}b", "empty": ""] as Document).bytes),
            ("special-doubles", document([("nan", .double(.nan)), ("inf", .double(.infinity)),
                                          ("-inf", .double(-.infinity)), ("-0", .double(-0.0)),
                                          ("tiny", .double(.leastNonzeroMagnitude))]).bytes),
            ("odd-keys", document([("a.b", 1), ("$x", 2), ("", 3), ("a", 4), ("a", 5)]).bytes),
            // A key that starts with a combining mark: after "." in a path it fused with the dot into one
            // Character, and paths split by Character missed it (found by fuzzing).
            ("combining-mark-key", (["c": .document(document([("\u{487}", 2), ("a", 3)]))] as Document).bytes),
            // A key whose dot fuses with a following combining mark: no dotted path can reach its value.
            ("dot-with-combining-mark-key", (["a\u{2E}\u{487}b": 1, "c": 2] as Document).bytes),
            ("deep", deep(levels: 40).bytes),
            ("deprecated-types", deprecatedTypes),
            ("array-with-named-keys", RawBSON.document([RawBSON.element(0x04, "list", RawBSON.document([
                RawBSON.element(0x10, "x", RawBSON.int32(1)), RawBSON.element(0x10, "y", RawBSON.int32(2)),
            ]))])),
        ]
    }

    static var everyType: Document {
        let pairs: [(String, BSONValue)] = [
            ("double", .double(1.5)), ("string", "s"), ("document", ["k": "v"]), ("array", [1, "two", 3.0]),
            ("binary", .binary(subtype: 0, data: [1, 2, 3])),
            ("uuid", .binary(subtype: 4, data: Array(0..<16))),
            ("undefined", .undefined), ("objectId", .objectId(oid)), ("bool", true),
            ("datetime", .datetime(1_700_000_000_000)), ("null", .null),
            ("regex", .regex(pattern: "^a.*z$", options: "imsx")), ("int32", .int32(-7)),
            ("timestamp", .timestamp(t: 1, i: 2)), ("int64", .int64(.max)),
            ("decimal128", .decimal128(Decimal128("1.25E+3")!)), ("minKey", .minKey), ("maxKey", .maxKey),
        ]
        return Document(pairs)
    }

    /// Pairs in order, repeated keys kept.
    static func document(_ pairs: [(String, BSONValue)]) -> Document { Document(pairs) }

    static var message: Document {
        [
            "_id": .objectId(oid), "room_id": "general", "timestamp": .datetime(1_700_000_000_000),
            "sender": "ana", "content": "hello", "client_id": "c-1",
        ]
    }

    static func deep(levels: Int) -> Document {
        (0..<levels).reduce(["leaf": true] as Document) { inner, level in
            level.isMultiple(of: 2) ? ["d": .document(inner)] : ["a": [.document(inner)]]
        }
    }

    /// Types msgsvc never writes but a client may send: DBPointer, JavaScript code, symbol, code with scope.
    static var deprecatedTypes: [UInt8] {
        RawBSON.document([
            RawBSON.element(0x0C, "dbpointer", RawBSON.string("db.coll") + Array(oid.bytes)),
            RawBSON.element(0x0D, "code", RawBSON.string("function() {}")),
            RawBSON.element(0x0E, "symbol", RawBSON.string("sym")),
            RawBSON.element(0x0F, "codeWithScope", RawBSON.codeWithScope("x", scope: ["x": 1])),
        ])
    }
}

/// Hand-assembled BSON for what the Document API cannot produce.
enum RawBSON {
    static func int32(_ value: Int32) -> [UInt8] { withUnsafeBytes(of: value.littleEndian) { Array($0) } }

    static func string(_ text: String) -> [UInt8] {
        int32(Int32(text.utf8.count + 1)) + Array(text.utf8) + [0]
    }

    static func element(_ type: UInt8, _ key: String, _ value: [UInt8]) -> [UInt8] {
        [type] + Array(key.utf8) + [0] + value
    }

    static func document(_ elements: [[UInt8]]) -> [UInt8] {
        let body = elements.flatMap { $0 }
        return int32(Int32(4 + body.count + 1)) + body + [0]
    }

    static func codeWithScope(_ code: String, scope: Document) -> [UInt8] {
        let rest = string(code) + scope.bytes
        return int32(Int32(4 + rest.count)) + rest
    }
}
