import BSON
import Testing

@testable import EngineQuery

@Suite struct IndexKeyEncodingTests {
    private func less(_ a: [UInt8], _ b: [UInt8]) -> Bool { a.lexicographicallyPrecedes(b) }

    @Test func equalNumbersEncodeIdentically() {
        let one = IndexKey.encode(.int32(1))
        #expect(IndexKey.encode(.int64(1)) == one)
        #expect(IndexKey.encode(.double(1)) == one)
        #expect(IndexKey.encode(.decimal128(Decimal128("1.0")!)) == one)
        #expect(IndexKey.encode(.double(-0.0)) == IndexKey.encode(.int32(0)))
        #expect(IndexKey.encode(.double(.nan)) == IndexKey.encode(.double(-.nan)))
        #expect(IndexKey.encode(.int64(.min)) == IndexKey.encode(.double(-9.223372036854775808e18)))
    }

    @Test func largeIntegersStayDistinctFromNearbyDoubles() {
        let max = IndexKey.encode(.int64(.max))
        let twoTo63 = IndexKey.encode(.double(9.223372036854775808e18))
        #expect(less(max, twoTo63))
        #expect(less(IndexKey.encode(.double(9007199254740992)), IndexKey.encode(.int64(9007199254740993))))
    }

    @Test func stringsWithNulStayOrderedAndSelfDelimiting() {
        let values = ["", "\u{0}", "\u{0}\u{0}", "a", "a\u{0}", "a\u{0}b", "a\u{1}", "ab", "b"]
        let keys = values.map { IndexKey.encode(.string($0)) }
        for i in keys.indices.dropLast() { #expect(less(keys[i], keys[i + 1]), "\(values[i])") }
        // Compound keys compare as tuples even when one string extends another.
        let k1 = IndexKey.encode(["a", "z"], ascending: [true, true])
        let k2 = IndexKey.encode(["a\u{0}", "a"], ascending: [true, true])
        #expect(less(k1, k2))
    }

    @Test func descendingComponentsReverseOrder() {
        let a = IndexKey.encode([1, "x"], ascending: [false, true])
        let b = IndexKey.encode([2, "a"], ascending: [false, true])
        #expect(less(b, a))
        let c = IndexKey.encode(["ab"], ascending: [false])
        let d = IndexKey.encode(["a"], ascending: [false])
        #expect(less(c, d))
    }

    @Test func everyEncodingStartsWithItsBracketTag() {
        let samples: [BSONValue] = [.minKey, .null, .undefined, 3, "s", ["a": 1], [1], .binary(subtype: 0, data: []),
            .objectId(ObjectId()), true, .datetime(5), .timestamp(t: 1, i: 2), .regex(pattern: "x", options: ""), .maxKey]
        for value in samples {
            let tag = IndexKey.typeTag(of: value)
            let ascending = IndexKey.encode(value)
            #expect(ascending.first == tag)
            let up = IndexKey.bracketRange(tag: tag, ascending: true)
            #expect(!less(ascending, up.lower) && less(ascending, up.upper))
            let descending = IndexKey.encode([value], ascending: [false])
            let down = IndexKey.bracketRange(tag: tag, ascending: false)
            #expect(!less(descending, down.lower) && less(descending, down.upper))
        }
        #expect(IndexKey.typeTag(of: .undefined) == IndexKey.Tag.null)
        #expect(IndexKey.typeTag(of: .double(2)) == IndexKey.Tag.number)
    }

    @Test func prefixSuccessorBoundsEveryExtension() {
        let prefix = IndexKey.encode(.string("a"))
        let successor = IndexKey.prefixSuccessor(prefix)!
        #expect(less(IndexKey.encode(["a", .maxKey], ascending: [true, true]), successor))
        #expect(less(successor, IndexKey.encode(.string("a\u{0}"))))
        #expect(IndexKey.prefixSuccessor([0xFF, 0xFF]) == nil)
        #expect(IndexKey.prefixSuccessor([1, 0xFF]) == [2])
    }
}

@Suite struct KeyPatternTests {
    @Test func parsesDirectionsAndRendersDocument() throws {
        let pattern = try KeyPattern(["a": 1, "b.c": -1, "d": .int64(2), "e": -0.5])
        #expect(pattern.fields.map(\.ascending) == [true, false, true, false])
        #expect(pattern.document == ["a": 1, "b.c": -1, "d": 1, "e": -1])
        #expect(pattern == (try KeyPattern(pattern.document)))
        #expect(pattern != (try KeyPattern(["a": 1])))
    }

    @Test(arguments: [
        ["a": "text"] as Document, ["a": "2dsphere"], ["a": 0], ["a": .double(.nan)], ["a": true], [:],
        ["$a": 1], ["a..b": 1], ["": 1],
    ])
    func rejectsUnsupportedPatterns(spec: Document) {
        #expect(throws: EngineError.self) { try KeyPattern(spec) }
        do {
            _ = try KeyPattern(spec)
        } catch {
            #expect(error.code == 67)
        }
    }
}

@Suite struct IndexKeyGenerationTests {
    private func keys(_ pattern: Document, _ doc: Document) throws -> Set<[UInt8]> {
        Set(try IndexKey.keys(for: doc, pattern: KeyPattern(pattern)))
    }

    private func expected(_ tuples: [[BSONValue]], _ directions: [Bool]) -> Set<[UInt8]> {
        Set(tuples.map { IndexKey.encode($0, ascending: directions) })
    }

    @Test func scalarsAndMissingFields() throws {
        #expect(try keys(["a": 1], ["a": 5]) == expected([[5]], [true]))
        #expect(try keys(["a": 1], ["b": 5]) == expected([[.null]], [true]))
        #expect(try keys(["a": 1, "b": -1], ["a": "x"]) == expected([["x", .null]], [true, false]))
        #expect(try keys(["a.b": 1], ["a": 1]) == expected([[.null]], [true]))
        #expect(try keys(["a": 1], ["a": ["b": 1]]) == expected([[["b": 1]]], [true]))
    }

    @Test func arraysGiveOneKeyPerDistinctElement() throws {
        #expect(try keys(["a": 1], ["a": [1, 2, 1.0]]) == expected([[1], [2]], [true]))
        #expect(try keys(["a": 1], ["a": [] as BSONValue]) == expected([[.null]], [true]))
        #expect(try keys(["a": 1], ["a": [[1, 2]]]) == expected([[[1, 2]]], [true]))
        #expect(try keys(["a.b": 1], ["a": [["b": 1], ["c": 1], ["b": [2, 3]]]]) == expected([[1], [.null], [2], [3]], [true]))
        #expect(try keys(["a.b": 1], ["a": [1, 2]]) == expected([[.null]], [true]))
        #expect(try keys(["a.b": 1], ["a": [] as BSONValue]) == expected([[.null]], [true]))
        #expect(try keys(["a": 1, "b": 1], ["a": 1, "b": [1, 2]]) == expected([[1, 1], [1, 2]], [true, true]))
    }

    @Test func positionalComponentsDoNotFanOut() throws {
        #expect(try keys(["a.0": 1], ["a": [1, 2]]) == expected([[1]], [true]))
        #expect(try keys(["a.0": 1], ["a": [[1, 2]]]) == expected([[[1, 2]]], [true]))
        #expect(try keys(["a.5": 1], ["a": [1]]) == expected([[.null]], [true]))
        #expect(try keys(["a.1.b": 1], ["a": [["b": 1], ["b": 2]]]) == expected([[2]], [true]))
    }

    @Test func pathsThroughTheSameArrayPairUp() throws {
        #expect(try keys(["a.b": 1, "a.c": 1], ["a": [["b": 1], ["c": 2]]]) == expected([[1, .null], [.null, 2]], [true, true]))
        #expect(try keys(["a": 1, "a.b": 1], ["a": [["b": 1]]]) == expected([[["b": 1], 1]], [true, true]))
    }

    @Test func parallelArraysAreRejected() throws {
        #expect(throws: EngineError(.cannotIndexParallelArrays, "cannot index parallel arrays [a] [b]")) {
            try keys(["a": 1, "b": 1], ["a": [1], "b": [2]])
        }
        #expect(throws: EngineError.self) { try keys(["a.b": 1, "a.c": 1], ["a": [["b": [1], "c": [2]]]]) }
        #expect(try keys(["a": 1, "b": 1], ["a": [1], "b": 2]).count == 1)
    }

    @Test func keysAreSortedAndDistinct() throws {
        let list = try IndexKey.keys(for: ["a": [3, 1, 2, 1]], pattern: KeyPattern(["a": -1]))
        #expect(list.count == 3)
        #expect(list == list.sorted { $0.lexicographicallyPrecedes($1) })
        #expect(list.first == IndexKey.encode([3], ascending: [false]))
    }
}
