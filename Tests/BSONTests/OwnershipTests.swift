import CMongoC
import Testing

@testable import BSON

@Suite("Ownership of the underlying bson_t")
struct OwnershipTests {
    @Test("a copy is independent once either side changes")
    func copyOnWrite() {
        let original: Document = ["a": 1]
        var copy = original
        copy.append("b", 2)
        copy["a"] = 10
        #expect(original.keys == ["a"])
        #expect(original["a"] == 1)
        #expect(copy.keys == ["a", "b"])
        #expect(copy["a"] == 10)
    }

    @Test("withMutableBSONPointer copies a shared document before lending it")
    func mutablePointerCopiesShared() {
        let original: Document = ["a": 1]
        var copy = original
        let appended = copy.withMutableBSONPointer { bson_append_int32($0, "b", 1, 2) }
        #expect(appended)
        #expect(original.keys == ["a"])
        #expect(copy.keys == ["a", "b"])
        #expect(copy.byteCount == original.byteCount + 7)
    }

    @Test("a document can hold itself as a value")
    func selfNesting() {
        var document: Document = ["a": 1]
        document.append("self", .document(document))
        document["again"] = .document(document)
        #expect(document.value(atPath: "self.a") == 1)
        #expect(document.value(atPath: "again.self.a") == 1)
    }

    @Test("init(copying:) leaves the source to its owner")
    func copying() throws {
        var error = bson_error_t()
        let source = try #require(bson_new_from_json(#"{"k": "v"}"#, -1, &error))
        let document = Document(copying: source)
        bson_destroy(source)
        #expect(document["k"] == "v")
    }

    @Test("init(stealing:) takes a heap bson_t from bson_new_from_json")
    func stealingHeap() throws {
        var error = bson_error_t()
        let source = try #require(bson_new_from_json(#"{"k": [1, 2]}"#, -1, &error))
        let document = Document(stealing: source)
        #expect(document.value(atPath: "k.1") == 2)
    }

    @Test("cmongoc_bson_alloc gives an initialised empty document that Document(stealing:) can own")
    func allocatedOutParameter() throws {
        let reply = try #require(cmongoc_bson_alloc())
        #expect(cmongoc_bson_len(reply) == 5)
        // What libmongoc does with a reply out-parameter: initialise it (again) and fill it.
        bson_init(reply)
        let source: Document = ["ok": 1.0, "long": .string(String(repeating: "x", count: 500))]
        #expect(source.withBSONPointer { bson_append_document(reply, "doc", 3, $0) })
        let document = Document(stealing: reply)
        #expect(document.value(atPath: "doc.ok") == 1.0)
        #expect(document.value(atPath: "doc.long")?.stringValue?.count == 500)
    }

    @Test("cmongoc_bson_free releases both heap and allocated documents, and tolerates NULL")
    func freeEither() throws {
        let heap = try #require(bson_new())
        #expect(bson_append_int32(heap, "a", 1, 1))
        cmongoc_bson_free(heap)
        let allocated = try #require(cmongoc_bson_alloc())
        for i in 0..<100 { #expect(bson_append_int32(allocated, "k\(i)", -1, Int32(i))) }
        cmongoc_bson_free(allocated)
        cmongoc_bson_free(nil)
    }

    @Test("documents shared across tasks read the same from every one")
    func concurrentReads() async {
        let shared = TypeSample.everything
        let expected = shared.canonicalExtendedJSON
        let results = await withTaskGroup(of: Bool.self) { group in
            for _ in 0..<16 {
                group.addTask {
                    (0..<50).allSatisfy { _ in
                        shared.canonicalExtendedJSON == expected && shared.elements.count == TypeSample.all.count
                    }
                }
            }
            return await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        #expect(results.count == 16)
        #expect(results.allSatisfy { $0 })
    }

    @Test("copies mutated concurrently in separate tasks do not disturb each other")
    func concurrentMutationOfCopies() async {
        let base: Document = ["base": true]
        let counts = await withTaskGroup(of: Int.self) { group in
            for task in 0..<8 {
                group.addTask {
                    var mine = base
                    for i in 0..<200 { mine["k\(task)-\(i)"] = .int32(Int32(i)) }
                    return mine.count
                }
            }
            return await group.reduce(into: [Int]()) { $0.append($1) }
        }
        #expect(counts == [Int](repeating: 201, count: 8))
        #expect(base.keys == ["base"])
    }
}
