import BSON
import Testing

@testable import EngineQuery

@Suite struct SortSpecTests {
    private func order(_ spec: Document, _ docs: [Document]) throws -> [BSONValue?] {
        try SortSpec(spec).sorted(docs).map { $0["id"] }
    }

    @Test func parsesDirections() throws {
        let spec = try SortSpec(["a": 1, "b": -1, "c": .int64(1), "d": -1.0])
        #expect(spec.keys.map(\.path) == ["a", "b", "c", "d"])
        #expect(spec.keys.map(\.ascending) == [true, false, true, false])
    }

    @Test(arguments: [0, 2, -2] as [BSONValue] + ["asc", true, .null, 1.5])
    func rejectsOtherDirections(value: BSONValue) {
        #expect(throws: EngineError(.badValue, "$sort key ordering must be 1 (for ascending) or -1 (for descending)")) {
            try SortSpec(["a": value])
        }
    }

    @Test func mixedTypesSortByBracketThenValue() throws {
        let docs: [Document] = [
            ["id": 1, "a": "x"], ["id": 2, "a": 5], ["id": 3], ["id": 4, "a": .null], ["id": 5, "a": 2.5],
            ["id": 6, "a": ["k": 1]], ["id": 7, "a": .minKey],
        ]
        // Missing and null tie and keep input order.
        #expect(try order(["a": 1], docs) == [7, 3, 4, 5, 2, 1, 6])
        #expect(try order(["a": -1], docs) == [6, 1, 2, 5, 3, 4, 7])
    }

    @Test func arraysSortByTheirSmallestOrLargestElement() throws {
        let docs: [Document] = [["id": 1, "a": [1, 10]], ["id": 2, "a": 5], ["id": 3, "a": [3, 4]]]
        #expect(try order(["a": 1], docs) == [1, 3, 2])
        #expect(try order(["a": -1], docs) == [1, 2, 3])
    }

    @Test func emptyArraySortsBeforeNull() throws {
        let docs: [Document] = [["id": 1, "a": .null], ["id": 2, "a": [] as BSONValue], ["id": 3, "a": 0]]
        #expect(try order(["a": 1], docs) == [2, 1, 3])
        #expect(try order(["a": -1], docs) == [3, 1, 2])
    }

    @Test func dottedPathsReachThroughArraysOfDocuments() throws {
        let docs: [Document] = [
            ["id": 1, "a": [["b": 7], ["b": 2]]],
            ["id": 2, "a": ["b": 3]],
            ["id": 3, "a": [["c": 1], ["b": 4]]],
        ]
        // Document 3 has an element without b, which sorts as null.
        #expect(try order(["a.b": 1], docs) == [3, 1, 2])
        #expect(try order(["a.b": -1], docs) == [1, 3, 2])
    }

    @Test func laterKeysBreakTies() throws {
        let docs: [Document] = [["id": 1, "a": 1, "b": 1], ["id": 2, "a": 1, "b": 2], ["id": 3, "a": 0, "b": 0]]
        #expect(try order(["a": 1, "b": -1], docs) == [3, 2, 1])
        let spec = try SortSpec(["a": 1])
        #expect(spec.compare(docs[0], docs[1]) == 0)
        #expect(spec.compare(docs[2], docs[1]) == -1)
    }
}
