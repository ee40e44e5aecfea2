import BSON
import Testing

@testable import EngineQuery

/// Computed fields, `$addFields`, `$unset` and find's `$slice` and `$elemMatch`.
@Suite struct ProjectionComputedTests {
    private let doc: Document = ["_id": 1, "a": 2, "b": ["c": 3, "d": 4], "arr": [1, 2, 3, 4, 5],
                                 "items": [["k": "x", "v": 1], ["k": "y", "v": 5], ["k": "z", "v": 7]]]

    @Test func computedFieldsFollowIncludedOnes() throws {
        let projection = try Projection(["sum": ["$add": ["$a", "$b.c"]], "a": 1, "label": "lit"], kind: .aggregation)
        #expect(try projection.apply(doc) == ["_id": 1, "a": 2, "sum": 5, "label": "lit"])
        #expect(try Projection(["b": ["c": 1, "e": "$a"]]).apply(doc) == ["_id": 1, "b": ["c": 3, "e": 2]])
        #expect(try Projection(["x": "$nope", "y": "$$REMOVE", "_id": 0]).apply(doc) == [:])
        #expect(try Projection(["_id": "$a", "a": 1]).apply(doc) == ["_id": 2, "a": 2])
    }

    @Test func expressionsAreRefusedInExclusions() {
        #expect(throws: EngineError(.expressionInExclusionProjection, "Invalid $project :: caused by :: Cannot use expression other than $meta in exclusion projection")) {
            try Projection(["a": 0, "x": "$b"], kind: .aggregation)
        }
        #expect(throws: EngineError(.emptyProjection, "Invalid $project :: caused by :: projection specification must have at least one field")) {
            try Projection([:], kind: .aggregation)
        }
    }

    @Test func addFieldsReplacesInPlaceAndAppendsNew() throws {
        let add = try Projection(addingFields: ["a": ["$multiply": ["$a", 10]], "z": 1, "b.e": "$a", "gone": "$$REMOVE"])
        #expect(try add.apply(doc) == ["_id": 1, "a": 20, "b": ["c": 3, "d": 4, "e": 2], "arr": doc["arr"]!,
                                       "items": doc["items"]!, "z": 1])
        let nested = try Projection(addingFields: ["b": ["c": "new"]])
        #expect(try nested.apply(["b": ["c": 1, "d": 2]]) == ["b": ["c": "new", "d": 2]])
        #expect(try Projection(addingFields: ["a": "$$REMOVE"]).apply(["a": 1, "b": 2]) == ["b": 2])
    }

    @Test func unsetRemovesPaths() throws {
        #expect(try Projection(removing: ["a", "b.c", "items"]).apply(doc) == ["_id": 1, "b": ["d": 4], "arr": doc["arr"]!])
    }

    @Test func sliceTakesHeadsTailsAndRanges() throws {
        #expect(try Projection(["arr": ["$slice": 2]]).apply(doc)["arr"] == [1, 2])
        #expect(try Projection(["arr": ["$slice": -2]]).apply(doc)["arr"] == [4, 5])
        #expect(try Projection(["arr": ["$slice": [1, 2]]]).apply(doc)["arr"] == [2, 3])
        #expect(try Projection(["arr": ["$slice": [-2, 5]]]).apply(doc)["arr"] == [4, 5])
        // $slice alone keeps the other fields; with an inclusion it is one of the kept ones.
        #expect(try Projection(["arr": ["$slice": 1]]).apply(doc)["a"] == 2)
        #expect(try Projection(["arr": ["$slice": 1], "a": 1]).apply(doc) == ["_id": 1, "a": 2, "arr": [1]])
        #expect(throws: EngineError(.badValue, "$slice limit must be positive")) { try Projection(["arr": ["$slice": [1, 0]]]) }
        #expect(throws: EngineError(.badValue, "$slice array wrong size")) { try Projection(["arr": ["$slice": [1]]]) }
    }

    @Test func elemMatchKeepsTheFirstMatchingElement() throws {
        let projection = try Projection(["items": ["$elemMatch": ["v": ["$gt": 2]]]])
        #expect(try projection.apply(doc) == ["_id": 1, "items": [["k": "y", "v": 5]]])
        let none = try Projection(["items": ["$elemMatch": ["v": 100]], "a": 1])
        #expect(try none.apply(doc) == ["_id": 1, "a": 2])
        #expect(try Projection(["arr": ["$elemMatch": ["$gte": 4]]]).apply(doc)["arr"] == [4])
        #expect(throws: EngineError(.badValue, "Cannot use $elemMatch projection on a nested field.")) {
            try Projection(["b.c": ["$elemMatch": ["x": 1]]])
        }
    }
}
