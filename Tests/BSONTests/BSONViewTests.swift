import Testing

@testable import BSON

@Suite("BSONView")
struct BSONViewTests {
    /// What a view walk sees: each key and type byte, in order.
    private func walk(_ document: Document) -> (elements: [(key: [UInt8], type: UInt8)], wellFormed: Bool) {
        var elements: [(key: [UInt8], type: UInt8)] = []
        let wellFormed = document.withView { view in
            view.forEachElement { element in
                elements.append((Array(element.key), element.type))
                return true
            }
        }
        return (elements, wellFormed)
    }

    @Test("a walk sees every type's element with its key, in order, as libbson does", arguments: TypeSample.all)
    func walksEveryType(sample: TypeSample) {
        let document: Document = ["before": 1, "x": sample.value, "after": "z"]
        let (elements, wellFormed) = walk(document)
        #expect(wellFormed)
        #expect(elements.map { String(decoding: $0.key, as: UTF8.self) } == document.keys)
        #expect(elements.map(\.type) == [0x10, sample.typeByte, 0x02])
    }

    @Test("typed accessors agree with BSONValue, and a string keeps its NULs")
    func accessors() {
        let id = ObjectId()
        let document: Document = ["s": "a\u{0}é😀", "o": .objectId(id), "d": .datetime(-1_234), "i": 5]
        _ = document.withView { view in
            view.forEachElement { element in
                if element.keyEquals("s") {
                    #expect(element.stringValue == "a\u{0}é😀")
                    #expect(element.objectIdValue == nil)
                } else if element.keyEquals("o") {
                    #expect(element.objectIdValue == id)
                    #expect(element.stringValue == nil)
                } else if element.keyEquals("d") {
                    #expect(element.datetimeValue == -1_234)
                } else {
                    #expect(element.keyEquals("i"))
                    #expect(!element.keyEquals("ii") && !element.keyEquals(""))
                    #expect(element.datetimeValue == nil)
                }
                return true
            }
        }
    }

    @Test("returning false stops the walk")
    func stopsEarly() {
        var seen = 0
        let document: Document = ["a": 1, "b": 2, "c": 3]
        let wellFormed = document.withView { view in
            view.forEachElement { _ in
                seen += 1
                return seen < 2
            }
        }
        #expect(seen == 2)
        #expect(wellFormed)
    }

    @Test("a walk stops at the first element that does not fit, and says so")
    func stopsAtCorruption() {
        let good = RawBSON.element(0x10, "a", RawBSON.int32(1))
        let cases: [[UInt8]] = [
            // A string whose length runs past the document.
            RawBSON.document(good + RawBSON.element(0x02, "s", RawBSON.int32(100) + [0x41, 0])),
            // A string without its NUL.
            RawBSON.document(good + RawBSON.element(0x02, "s", RawBSON.int32(2) + [0x41, 0x42])),
            // An unknown type byte.
            RawBSON.document(good + RawBSON.element(0x42, "q", [])),
            // A truncated int64.
            RawBSON.document(good + RawBSON.element(0x12, "n", [1, 2, 3])),
            // A terminator before the end.
            RawBSON.document(good + [0] + good),
        ]
        for bytes in cases {
            var keys: [[UInt8]] = []
            let wellFormed = bytes.withUnsafeBytes { raw in
                BSONView(unsafeBytes: raw).forEachElement { element in
                    keys.append(Array(element.key))
                    return true
                }
            }
            #expect(!wellFormed)
            #expect(keys == [Array("a".utf8)])
        }
        let short: [UInt8] = [4, 0, 0, 0]
        #expect(!short.withUnsafeBytes { BSONView(unsafeBytes: $0).forEachElement { _ in true } })
    }

    @Test("a view copies back into an equal document")
    func copiesBack() throws {
        let document: Document = ["a": 1, "b": ["c": "d"]]
        let copy = try #require(document.withView { Document(copying: $0) })
        #expect(copy == document)
    }

    @Test("a document with room reserved is empty and grows normally")
    func capacity() {
        var document = Document(capacity: 512)
        #expect(document.isEmpty)
        document.append("s", .string(String(repeating: "x", count: 1000)))
        document.append("e", .string(""))
        #expect(document["s"]?.stringValue?.utf8.count == 1000)
        #expect(document["e"] == .string(""))
    }
}
