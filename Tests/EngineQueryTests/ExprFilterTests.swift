import BSON
import Testing

@testable import EngineQuery

/// `$expr` inside query filters.
@Suite struct ExprFilterTests {
    @Test func comparesFieldsOfTheSameDocument() throws {
        let filter = try Filter(["$expr": ["$gt": ["$spent", "$budget"]]])
        #expect(filter.matches(["spent": 10, "budget": 5]))
        #expect(!filter.matches(["spent": 1, "budget": 5]))
        let mixed = try Filter(["kind": "a", "$expr": ["$eq": [["$size": "$tags"], 2]]])
        #expect(mixed.matches(["kind": "a", "tags": [1, 2]]))
        #expect(!mixed.matches(["kind": "b", "tags": [1, 2]]))
        let inOr = try Filter(["$or": [["$expr": "$flag"], ["x": 1]]])
        #expect(inOr.matches(["flag": 1]))
        #expect(!inOr.matches(["flag": 0]))
    }

    @Test func evaluationErrorsFailTheQuery() throws {
        let filter = try Filter(["$expr": ["$divide": [1, "$d"]]])
        #expect(throws: EngineError(.divideByZero, "can't $divide by zero")) { try filter.evaluate(["d": 0]) }
        #expect(try filter.evaluate(["d": 2]))
    }

    @Test func onlyAtTheTopLevel() {
        #expect(throws: EngineError(.badValue, "$expr can only be applied to the top-level document")) {
            try Filter(["a": ["$elemMatch": ["$expr": true]]])
        }
        #expect(throws: EngineError(.invalidPipelineOperator, "Unrecognized expression '$nope'")) {
            try Filter(["$expr": ["$nope": 1]])
        }
    }
}
