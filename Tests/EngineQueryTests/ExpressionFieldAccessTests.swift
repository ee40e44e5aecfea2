import BSON
import Testing

@testable import EngineQuery

/// `$getField`, `$setField`, `$unsetField`: fields whose names paths cannot spell (dots, a leading `$`).
@Suite struct ExpressionFieldAccessTests {
    @Test func readsAndWritesLiteralFieldNames() throws {
        let doc: Document = ["a.b": 1, "$price": 5, "a": ["b": 2]]
        #expect(try evaluate(["$getField": "a.b"], doc) == 1)
        #expect(try evaluate(["$getField": ["field": ["$literal": "$price"], "input": "$$CURRENT"]], doc) == 5)
        #expect(try evaluate(["$getField": ["field": "missing", "input": "$$ROOT"]], doc) == nil)
        #expect(try evaluate(["$getField": ["field": "x", "input": .null]], doc) == .null)

        let set = try evaluate(["$setField": ["field": "a.b", "input": "$$ROOT", "value": 10]], doc)
        #expect(set == ["a.b": 10, "$price": 5, "a": ["b": 2]], "replaced in place, the nested a.b untouched")
        let added = try evaluate(["$setField": ["field": ["$literal": "$new"], "input": ["x": 1], "value": "$a.b"]], doc)
        #expect(added == ["x": 1, "$new": 2])
        let removed = try evaluate(["$setField": ["field": "a.b", "input": "$$ROOT", "value": "$$REMOVE"]], doc)
        #expect(removed == ["$price": 5, "a": ["b": 2]])
        #expect(try evaluate(["$unsetField": ["field": ["$literal": "$price"], "input": "$$ROOT"]], doc) == ["a.b": 1, "a": ["b": 2]])
    }

    @Test func refusesNonConstantFieldsAndNonObjectInputs() throws {
        #expect(throws: EngineError.self) { try evaluate(["$getField": ["field": "$a", "input": ["a": "x"]]], [:]) }
        #expect(throws: EngineError(.getFieldInputNotObject, "$getField requires 'input' to evaluate to type Object, but got int")) {
            try evaluate(["$getField": ["field": "a", "input": 3]], [:])
        }
        #expect(throws: EngineError.self) { try evaluate(["$setField": ["field": "a", "input": ["x": 1]]], [:]) }
    }

    @Test func randIsAUnitDouble() throws {
        for _ in 0..<50 {
            guard case .double(let value)? = try evaluate(["$rand": [:]], [:]) else {
                Issue.record("$rand must be a double")
                return
            }
            #expect(value >= 0 && value < 1)
        }
        #expect(throws: EngineError.self) { try evaluate(["$rand": ["seed": 1]], [:]) }
    }
}
