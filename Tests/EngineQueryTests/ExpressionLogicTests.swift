import BSON
import Testing

@testable import EngineQuery

/// Paths, variables, comparison, boolean and conditional operators.
@Suite struct ExpressionLogicTests {
    private let doc: Document = ["a": ["b": 1], "arr": [["x": 1], ["y": 2], 3, ["x": 4], [["x": 5]]], "n": .null, "s": "hi"]

    @Test func fieldPathsFanOutOverArraysOfDocuments() throws {
        #expect(try evaluate("$a.b", doc) == .int32(1))
        #expect(try evaluate("$arr.x", doc) == [1, 4, [5]])
        #expect(try evaluate("$nope", doc) == nil)
        #expect(try evaluate("$a.b.c", doc) == nil)
        #expect(try evaluate("$$ROOT.s", doc) == "hi")
        #expect(try evaluate("$$CURRENT", ["k": 1]) == ["k": 1])
    }

    @Test func nowIsOneInstantPerExpression() throws {
        let expression = try Expression(["$subtract": ["$$NOW", "$$NOW"]])
        #expect(try expression.evaluate([:]) == .int64(0))
        guard case .datetime(let now)? = try evaluate("$$NOW") else {
            Issue.record("$$NOW is not a date")
            return
        }
        #expect(now > 1_700_000_000_000)
    }

    @Test func literalsAndObjectsAndArrays() throws {
        #expect(try evaluate(["$literal": "$notAPath"]) == "$notAPath")
        #expect(try evaluate(["$literal": ["$add": [1, 2]]]) == ["$add": [1, 2]])
        #expect(try evaluate(["x": "$s", "gone": "$nope", "r": "$$REMOVE"], doc) == ["x": "hi"])
        #expect(try evaluate(["$s", "$nope"], doc) == ["hi", .null])
    }

    @Test func comparisonsUseBSONOrderAcrossTypes() throws {
        #expect(try evaluate(["$eq": [1, 1.0]]) == true)
        #expect(try evaluate(["$eq": [.int64(2), .decimal128(Decimal128("2")!)]]) == true)
        #expect(try evaluate(["$gt": ["a", 5]]) == true)
        #expect(try evaluate(["$lt": [.null, 0]]) == true)
        #expect(try evaluate(["$cmp": [3, 7]]) == .int32(-1))
        #expect(try evaluate(["$cmp": ["b", "a"]]) == .int32(1))
        #expect(try evaluate(["$ne": ["$nope", .null]], doc) == true)
        #expect(try evaluate(["$eq": ["$nope", .null]], doc) == false)
        #expect(try evaluate(["$lte": ["$a", ["b": 1]]], doc) == true)
    }

    @Test func booleanOperatorsUseAggregationTruthiness() throws {
        #expect(try evaluate(["$and": [1, "x", []]]) == true)
        #expect(try evaluate(["$and": [1, 0]]) == false)
        #expect(try evaluate(["$and": []]) == true)
        #expect(try evaluate(["$or": [.null, "$nope", false]]) == false)
        #expect(try evaluate(["$or": [0, .decimal128(Decimal128("0.1")!)]]) == true)
        #expect(try evaluate(["$not": [0]]) == true)
        #expect(try evaluate(["$not": "$s"], doc) == false)
    }

    @Test func conditionals() throws {
        #expect(try evaluate(["$cond": [["$gt": ["$a.b", 0]], "pos", "neg"]], doc) == "pos")
        #expect(try evaluate(["$cond": ["if": "$n", "then": 1, "else": 2]], doc) == .int32(2))
        #expect(try evaluate(["$ifNull": ["$n", "$nope", "fallback"]], doc) == "fallback")
        #expect(try evaluate(["$ifNull": ["$s", "x"]], doc) == "hi")
        let grade: BSONValue = ["$switch": ["branches": [["case": ["$gte": ["$v", 90]], "then": "A"],
                                                        ["case": ["$gte": ["$v", 80]], "then": "B"]],
                                           "default": "F"]]
        #expect(try evaluate(grade, ["v": 85]) == "B")
        #expect(try evaluate(grade, ["v": 10]) == "F")
        #expect(throws: EngineError(.switchNoMatch, "$switch could not find a matching branch for an input, and no default was specified.")) {
            try evaluate(["$switch": ["branches": [["case": false, "then": 1]]]])
        }
    }

    @Test func letMapAndFilterBindVariables() throws {
        #expect(try evaluate(["$let": ["vars": ["x": 2, "y": "$a.b"], "in": ["$add": ["$$x", "$$y"]]]], doc) == .int32(3))
        #expect(try evaluate(["$map": ["input": [1, 2, 3], "as": "v", "in": ["$multiply": ["$$v", 10]]]]) == [10, 20, 30])
        #expect(try evaluate(["$map": ["input": [1, 2], "in": ["$add": ["$$this", 1]]]]) == [2, 3])
        #expect(try evaluate(["$map": ["input": "$nope", "in": 1]]) == .null)
        #expect(try evaluate(["$filter": ["input": [1, 5, 2, 8], "as": "v", "cond": ["$gt": ["$$v", 1]]]]) == [5, 2, 8])
        #expect(try evaluate(["$filter": ["input": [1, 5, 2, 8], "cond": ["$gt": ["$$this", 1]], "limit": 2]]) == [5, 2])
        // Nested scopes: the inner variable shadows nothing outside it.
        let nested: BSONValue = ["$map": ["input": [[1, 2], [3]], "as": "row",
                                          "in": ["$map": ["input": "$$row", "as": "c", "in": ["$add": ["$$c", ["$size": "$$row"]]]]]]]
        #expect(try evaluate(nested) == [[3, 4], [4]])
        #expect(throws: EngineError(.mapInputNotArray, "input to $map must be an array not string")) {
            try evaluate(["$map": ["input": "x", "in": 1]])
        }
    }

    @Test func parseErrorsCarryMongoDBCodes() {
        #expect(throws: EngineError(.invalidPipelineOperator, "Unrecognized expression '$frob'")) { try Expression(["$frob": 1]) }
        #expect(throws: EngineError(.wrongArgumentCount, "Expression $subtract takes exactly 2 arguments. 1 were passed in.")) {
            try Expression(["$subtract": [1]])
        }
        #expect(throws: EngineError(.undefinedVariable, "Use of undefined variable: x")) { try Expression("$$x") }
        #expect(throws: EngineError(.bareDollarPath, "'$' by itself is not a valid FieldPath")) { try Expression("$") }
        #expect(throws: EngineError(.condMissingElse, "Missing 'else' parameter to $cond")) {
            try Expression(["$cond": ["if": true, "then": 1]])
        }
        #expect(throws: EngineError(.invalidVariableName, "'X' starts with an invalid character for a user variable name")) {
            try Expression(["$let": ["vars": ["X": 1], "in": 1]])
        }
        #expect(throws: EngineError.self) { try Expression(["$add": 1, "$sub": 2]) }
        // A variable is visible only inside the operator that binds it.
        #expect(throws: EngineError(.undefinedVariable, "Use of undefined variable: v")) {
            try Expression([["$map": ["input": [1], "as": "v", "in": "$$v"]], "$$v"])
        }
    }
}
