import Testing

@testable import BSON

/// libbson pads its JSON with spaces; the tests compare the text with those removed (outside strings).
private func compact(_ json: String) -> String {
    var out = ""
    var inString = false
    var escaped = false
    for c in json {
        if inString {
            out.append(c)
            if escaped { escaped = false } else if c == "\\" { escaped = true } else if c == "\"" { inString = false }
        } else if c == "\"" {
            inString = true
            out.append(c)
        } else if !c.isWhitespace {
            out.append(c)
        }
    }
    return out
}

@Suite("Extended JSON")
struct ExtendedJSONTests {
    static let oid = ObjectId(hex: "5f1b2c3d4e5f60718293a4b5")!

    static var sample: Document {
        [
            "i": 1, "l": .int64(2), "d": 1.5, "z": .double(-0.0), "s": "x\"y",
            "t": .datetime(1_577_836_800_000), "o": .objectId(oid), "b": .binary(subtype: 0x80, data: [1, 2]),
            "r": .regex(pattern: "a", options: "i"), "ts": .timestamp(t: 1, i: 2), "dec": .decimal128(Decimal128("1.5")!),
            "min": .minKey, "max": .maxKey, "u": .undefined, "n": .null, "yes": true, "arr": [1, ["x": .null]],
        ]
    }

    @Test("canonical output spells out every type")
    func canonicalOutput() {
        #expect(compact(Self.sample.canonicalExtendedJSON) == #"""
            {"i":{"$numberInt":"1"},"l":{"$numberLong":"2"},"d":{"$numberDouble":"1.5"},\#
            "z":{"$numberDouble":"-0.0"},"s":"x\"y","t":{"$date":{"$numberLong":"1577836800000"}},\#
            "o":{"$oid":"5f1b2c3d4e5f60718293a4b5"},"b":{"$binary":{"base64":"AQI=","subType":"80"}},\#
            "r":{"$regularExpression":{"pattern":"a","options":"i"}},"ts":{"$timestamp":{"t":1,"i":2}},\#
            "dec":{"$numberDecimal":"1.5"},"min":{"$minKey":1},"max":{"$maxKey":1},"u":{"$undefined":true},\#
            "n":null,"yes":true,"arr":[{"$numberInt":"1"},{"x":null}]}
            """#)
    }

    @Test("relaxed output uses plain numbers and ISO dates where that loses nothing")
    func relaxedOutput() {
        let document: Document = [
            "i": 1, "l": .int64(2), "d": 1.5, "whole": 2.0, "z": .double(-0.0), "inf": .double(.infinity),
            "t": .datetime(1_577_836_800_000), "old": .datetime(-1),
        ]
        #expect(compact(document.relaxedExtendedJSON) == #"""
            {"i":1,"l":2,"d":1.5,"whole":2.0,"z":-0.0,"inf":{"$numberDouble":"Infinity"},\#
            "t":{"$date":"2020-01-01T00:00:00Z"},"old":{"$date":{"$numberLong":"-1"}}}
            """#)
        #expect(document.description == document.relaxedExtendedJSON)
    }

    @Test("canonical input parses to exact types")
    func parseCanonical() throws {
        let json = Self.sample.canonicalExtendedJSON
        let parsed = try Document(extendedJSON: json)
        #expect(parsed == Self.sample)
        #expect(parsed["l"] == .int64(2))
        #expect(parsed["t"] == .datetime(1_577_836_800_000))
    }

    @Test("relaxed input: numbers take the narrowest type that holds them")
    func parseRelaxed() throws {
        let parsed = try Document(extendedJSON: #"""
            {"small": 1, "big": 3000000000, "frac": 1.5, "neg": -2147483649, "when": {"$date": "2020-01-01T00:00:00Z"},
             "nested": {"list": [1, "two", null, true]}, "id": {"$oid": "5f1b2c3d4e5f60718293a4b5"}}
            """#)
        #expect(parsed["small"] == .int32(1))
        #expect(parsed["big"] == .int64(3_000_000_000))
        #expect(parsed["frac"] == .double(1.5))
        #expect(parsed["neg"] == .int64(-2_147_483_649))
        #expect(parsed["when"] == .datetime(1_577_836_800_000))
        #expect(parsed.value(atPath: "nested.list") == [1, "two", .null, true])
        #expect(parsed["id"] == .objectId(Self.oid))
        #expect(parsed.keys == ["small", "big", "frac", "neg", "when", "nested", "id"])
    }

    @Test("unicode and escapes survive both directions")
    func unicodeAndEscapes() throws {
        let document: Document = ["k\u{e9}y": "line\nbreak \u{1F600} \u{0} tab\t \\ \"q\""]
        for json in [document.canonicalExtendedJSON, document.relaxedExtendedJSON] {
            #expect(try Document(extendedJSON: json) == document, "\(json)")
        }
        #expect(try Document(extendedJSON: #"{"e": "\u00e9\ud83d\ude00"}"#)["e"] == "é😀")
    }

    @Test("text that is not Extended JSON is a typed error", arguments: [
        "", " ", "{", "}", "not json", #"{"a": }"#, #"{"a": 1,}"#, #"{"a" 1}"#,
        #"{"a": {"$numberInt": "x"}}"#, #"{"a": {"$numberLong": "1.5"}}"#, #"{"a": {"$oid": "zz"}}"#,
        #"{"a": {"$date": "yesterday"}}"#, #"{"a": {"$binary": {"base64": "!!", "subType": "00"}}}"#,
        #"{"a": "\ud800"}"#,
    ])
    func rejectsInvalid(json: String) {
        #expect(throws: BSONError.self) { try Document(extendedJSON: json) }
        do {
            _ = try Document(extendedJSON: json)
        } catch {
            guard case .invalidExtendedJSON(let why) = error else {
                Issue.record("expected invalidExtendedJSON, got \(error)")
                return
            }
            #expect(!why.isEmpty)
        }
    }

    @Test("deprecated types are refused from JSON as from bytes", arguments: [
        #"{"a": {"$code": "f()"}}"#, #"{"a": {"$symbol": "s"}}"#,
        #"{"a": {"$code": "f()", "$scope": {}}}"#,
        #"{"a": {"$dbPointer": {"$ref": "c", "$id": {"$oid": "5f1b2c3d4e5f60718293a4b5"}}}}"#,
    ])
    func rejectsDeprecated(json: String) {
        #expect(throws: BSONError.self) { try Document(extendedJSON: json) }
    }

    @Test("nesting up to libbson's parser limit parses; deeper, even absurdly, is a typed error")
    func nesting() throws {
        func nested(_ levels: Int) -> String {
            String(repeating: #"{"a":"#, count: levels) + "{}" + String(repeating: "}", count: levels)
        }
        let deep = try Document(extendedJSON: nested(98))
        #expect(deep.value(atPath: Array(repeating: "a", count: 98).joined(separator: ".")) == .document(Document()))
        for levels in [99, 100_000] {
            #expect(throws: BSONError.self) { try Document(extendedJSON: nested(levels)) }
        }
    }

    @Test("an empty document prints and parses")
    func emptyDocument() throws {
        #expect(compact(Document().canonicalExtendedJSON) == "{}")
        #expect(try Document(extendedJSON: "{}").isEmpty)
        #expect(try Document(extendedJSON: "  {  }  ").bytes == [5, 0, 0, 0, 0])
    }
}
