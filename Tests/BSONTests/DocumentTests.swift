import Testing

@testable import BSON

@Suite("Building and reading documents")
struct DocumentTests {
    static var message: Document {
        [
            "_id": .objectId(ObjectId(hex: "5f1b2c3d4e5f60718293a4b5")!),
            "author": ["name": "ada", "tags": ["admin", "ops"]],
            "body": "hello",
            "replies": [["by": "bob", "n": 1], ["by": "cy", "n": 2]],
            "matrix": [[1, 2], [3, 4]],
        ]
    }

    @Test("an empty document is five bytes and has no elements")
    func empty() {
        let document = Document()
        #expect(document.isEmpty)
        #expect(document.count == 0)
        #expect(document.bytes == [5, 0, 0, 0, 0])
        #expect(document.elements.isEmpty)
        #expect(document["x"] == nil)
        #expect(document.value(atPath: "x.y") == nil)
    }

    @Test("elements, keys and values come back in insertion order")
    func order() {
        var document = Document()
        for key in ["z", "a", "m", "b", "0"] { document.append(key, .string(key)) }
        #expect(document.keys == ["z", "a", "m", "b", "0"])
        #expect(document.values == ["z", "a", "m", "b", "0"])
        #expect(document.elements.map(\.key) == document.keys)
        #expect(Array(document).map(\.key) == document.keys)
        #expect(document.count == 5)
        #expect(!document.isEmpty)
    }

    @Test("read by key")
    func readByKey() {
        let document = Self.message
        #expect(document["body"] == "hello")
        #expect(document["author"]?.documentValue?["name"] == "ada")
        #expect(document["replies"]?.arrayValue?.count == 2)
        #expect(document["missing"] == nil)
        #expect(document["Body"] == nil, "keys are case-sensitive")
        #expect(document.hasKey("body"))
        #expect(!document.hasKey("bod"))
    }

    @Test("keys that are prefixes of one another are told apart")
    func prefixKeys() {
        let document: Document = ["ab": 1, "a": 2, "abc": 3, "": 4]
        #expect(document["a"] == 2)
        #expect(document["ab"] == 1)
        #expect(document["abc"] == 3)
        #expect(document[""] == 4)
        #expect(document["abcd"] == nil)
    }

    @Test("read by dotted path through documents and arrays", arguments: [
        ("body", BSONValue.string("hello")),
        ("author.name", "ada"),
        ("author.tags.1", "ops"),
        ("replies.0.by", "bob"),
        ("replies.1.n", 2),
        ("matrix.1.0", 3),
        ("author.tags", ["admin", "ops"]),
    ] as [(String, BSONValue)])
    func readByPath(path: String, expected: BSONValue) {
        #expect(Self.message.value(atPath: path) == expected)
    }

    @Test("paths that lead nowhere are nil", arguments: [
        "nope", "body.length", "author.name.first", "author.tags.2", "author.tags.-1", "author.tags.01",
        "author.tags.+1", "author.tags.x", "author.tags.", "replies..by", ".body", "author.tags.99999999999999999999",
        "replies.by",
    ])
    func missingPaths(path: String) {
        #expect(Self.message.value(atPath: path) == nil)
    }

    @Test("a path component may be an empty key or a key made of digits")
    func oddKeys() {
        let document: Document = ["": ["": 1], "7": ["0": "digit key"]]
        #expect(document.value(atPath: ".") == 1)
        #expect(document.value(atPath: "7.0") == "digit key")
    }

    @Test("setting an existing key replaces it in place and drops later duplicates")
    func setReplacesInPlace() {
        var document: Document = ["a": 1, "b": 2, "c": 3]
        document.append("b", 22)
        document["b"] = "two"
        #expect(document.keys == ["a", "b", "c"])
        #expect(document["b"] == "two")
        #expect(document.values == [1, "two", 3])
    }

    @Test("setting a new key appends it; setting nil removes every copy")
    func setAppendsAndRemoves() {
        var document: Document = ["a": 1, "b": 2]
        document["z"] = true
        #expect(document.keys == ["a", "b", "z"])
        document.append("a", 11)
        document["a"] = nil
        #expect(document.keys == ["b", "z"])
        document["missing"] = nil
        #expect(document.keys == ["b", "z"])
    }

    @Test("replacing one element leaves the others' bytes untouched")
    func setKeepsOtherBytes() throws {
        // Unsorted regex options are only possible from bytes; rebuilding from values would sort them.
        let regex = RawBSON.element(0x0B, "r", Array("a".utf8) + [0] + Array("xi".utf8) + [0])
        let bytes = RawBSON.document(regex + RawBSON.element(0x10, "n", RawBSON.int32(1)))
        var document = try Document(bytes: bytes)
        document["n"] = 2
        #expect(document.bytes == RawBSON.document(regex + RawBSON.element(0x10, "n", RawBSON.int32(2))))
        #expect(document.removing("n").bytes == RawBSON.document(regex))
    }

    @Test("removing drops every element with the key and keeps the rest in order")
    func removing() {
        var document: Document = ["a": 1, "b": 2, "c": 3]
        document.append("b", 4)
        let removed = document.removing("b")
        #expect(removed.keys == ["a", "c"])
        #expect(document.keys == ["a", "b", "c", "b"], "the original is unchanged")
        #expect(document.removing("zzz") == document)
    }

    @Test("append keeps duplicates; appending returns a copy")
    func appendAndAppending() {
        var document: Document = ["a": 1]
        document.append("a", 2)
        #expect(document.count == 2)
        #expect(document["a"] == 1, "lookup finds the first")
        let longer = document.appending("b", 3)
        #expect(longer.keys == ["a", "a", "b"])
        #expect(document.keys == ["a", "a"])
    }

    @Test("keys end at their first NUL, consistently for append, set and get")
    func keysWithNul() {
        var document = Document()
        document.append("a\u{0}b", 1)
        #expect(document.keys == ["a"])
        #expect(document["a\u{0}zzz"] == 1)
        document["a\u{0}c"] = 2
        #expect(document.keys == ["a"])
        #expect(document["a"] == 2)
    }

    @Test("nested documents and arrays can be built from literals, pairs and arrayDocument")
    func nested() {
        let inner = Document([("x", 1), ("y", [true, .null])] as [(String, BSONValue)])
        let document: Document = ["inner": .document(inner), "list": [["k": "v"], [1, [2]]]]
        #expect(document["inner"] == .document(inner))
        #expect(document.value(atPath: "inner.y.1") == .null)
        #expect(document.value(atPath: "list.1.1.0") == 2)
        #expect(document.value(atPath: "list.0.k") == "v")

        let array = Document.arrayDocument(["p", "q"])
        #expect(array.keys == ["0", "1"])
        // An array is stored as a BSON array (type 4) whose keys are the positions.
        let listBytes: [UInt8] = [12, 0, 0, 0, 0x10, 0x30, 0, 1, 0, 0, 0, 0]
        #expect((["list": [1]] as Document).bytes == [23, 0, 0, 0, 0x04] + Array("list".utf8) + [0] + listBytes + [0])
    }

    @Test("integer literals are int32 when they fit, else int64")
    func literals() {
        let document: Document = ["small": 5, "big": 5_000_000_000, "neg": -2_147_483_648, "f": 1.25, "s": "x", "n": .null]
        #expect(document["small"] == .int32(5))
        #expect(document["big"] == .int64(5_000_000_000))
        #expect(document["neg"] == .int32(.min))
        #expect(document["f"] == .double(1.25))
        #expect(document["n"] == .null)
    }

    @Test("value helpers")
    func helpers() {
        #expect(BSONValue.int32(3).integerValue == 3)
        #expect(BSONValue.double(3.0).integerValue == 3)
        #expect(BSONValue.double(3.5).integerValue == nil)
        #expect(BSONValue.double(.nan).integerValue == nil)
        #expect(BSONValue.int64(.max).doubleValue == 9.223372036854775807e18)
        #expect(BSONValue.string("1").integerValue == nil)
        #expect(BSONValue.decimal128(Decimal128("1")!).isNumber)
        #expect(!BSONValue.string("1").isNumber)
        #expect(BSONValue.datetime(5).typeName == "date")
        #expect(BSONValue.int64(1).typeName == "long")
        #expect(BSONValue.document(Document()).typeName == "object")
        #expect(BSONValue.string("s").stringValue == "s")
        #expect(BSONValue.int32(1).stringValue == nil)
        #expect(BSONValue.bool(true).boolValue == true)
        #expect(BSONValue.datetime(9).datetimeValue == 9)
    }

    @Test("equality and hashing follow the bytes, so order matters")
    func equality() {
        let ab: Document = ["a": 1, "b": 2]
        let ba: Document = ["b": 2, "a": 1]
        #expect(ab == (["a": 1, "b": 2] as Document))
        #expect(ab != ba)
        #expect(ab != (["a": .int64(1), "b": 2] as Document), "int32 1 and int64 1 are different bytes")
        #expect(Set([ab, ba, ab]).count == 2)
        #expect(ab.hashValue == (["a": 1, "b": 2] as Document).hashValue)
    }
}
