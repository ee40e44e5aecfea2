import BSON
import Testing

@testable import EngineQuery

/// Values in error messages are written as mongod writes them.
@Suite struct ShellFormatTests {
    @Test func scalarsAndContainers() throws {
        let document = try Document(extendedJSON: #"{"a": 1, "b": "x", "c": [1.5, 2.0], "d": {}, "e": [], "f": null}"#)
        #expect(ShellFormat.document(document) == #"{ a: 1, b: "x", c: [ 1.5, 2.0 ], d: {}, e: [], f: null }"#)
        #expect(ShellFormat.element("_id", .int64(7)) == "_id: 7")
        #expect(ShellFormat.describe(.double(-0.0)) == "-0.0")
        #expect(ShellFormat.describe(.binary(subtype: 0, data: [0x0A, 0xFF])) == "BinData(0, 0AFF)")
        #expect(ShellFormat.describe(.timestamp(t: 5, i: 1)) == "Timestamp(5, 1)")
    }
}
