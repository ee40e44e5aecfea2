import BSON
import Testing

@testable import EngineQuery

@Suite struct ProjectionTests {
    private let doc: Document = ["_id": 1, "a": 1, "b": ["c": 2, "d": 3], "e": [["c": 4, "d": 5], 6, [["c": 7]]]]

    @Test func inclusionKeepsListedFieldsAndId() throws {
        #expect(try Projection(["a": 1]).apply(doc) == ["_id": 1, "a": 1])
        #expect(try Projection(["a": true, "_id": 0]).apply(doc) == ["a": 1])
        #expect(try Projection(["_id": 1]).apply(doc) == ["_id": 1])
        #expect(try Projection(["zz": 1]).apply(doc) == ["_id": 1])
    }

    @Test func inclusionFollowsDottedPathsIntoDocumentsAndArrays() throws {
        #expect(try Projection(["b.c": 1]).apply(doc) == ["_id": 1, "b": ["c": 2]])
        #expect(try Projection(["e.c": 1, "_id": 0]).apply(doc) == ["e": [["c": 4], [["c": 7]]]])
        #expect(try Projection(["a.c": 1, "_id": 0]).apply(doc) == [:])
    }

    @Test func exclusionDropsListedFields() throws {
        #expect(try Projection(["a": 0]).apply(doc) == ["_id": 1, "b": ["c": 2, "d": 3], "e": doc["e"]!])
        #expect(try Projection(["_id": 0, "b": 0, "e": 0]).apply(doc) == ["a": 1])
        #expect(try Projection(["_id": 0]).apply(["_id": 1, "x": 2]) == ["x": 2])
        #expect(try Projection(["e.c": 0, "b.d": 0, "a": 0, "_id": false]).apply(doc)
            == ["b": ["c": 2], "e": [["d": 5], 6, [BSONValue.document([:])]]])
    }

    @Test func idMayBeIncludedInExclusionMode() throws {
        #expect(try Projection(["_id": 1, "a": 0]).apply(doc)["_id"] == 1)
        #expect(try Projection(["_id": 1, "a": 0]).mode == .exclusion)
    }

    @Test func emptyProjectionKeepsEverything() throws {
        #expect(try Projection([:]).apply(doc) == doc)
    }

    @Test func mixingModesIsRejected() {
        #expect(throws: EngineError(.exclusionInInclusionProjection, "Cannot do exclusion on field b in inclusion projection")) {
            try Projection(["a": 1, "b": 0])
        }
        #expect(throws: EngineError(.inclusionInExclusionProjection, "Cannot do inclusion on field b in exclusion projection")) {
            try Projection(["a": 0, "b": 1])
        }
    }

    @Test func overlappingPathsAndOperatorsAreRejected() {
        #expect(throws: EngineError.self) { try Projection(["a": 1, "a.b": 1]) }
        #expect(throws: EngineError.self) { try Projection(["a.b": 1, "a": 1]) }
        #expect(throws: EngineError.self) { try Projection(["a": ["$slice": "x"]]) }
        #expect(throws: EngineError.self) { try Projection(["a": ["$frob": 1]]) }
        #expect(throws: EngineError.self) { try Projection(["$a": 1]) }
    }
}
