import BSON
import Testing

@testable import EngineQuery

/// Object, set, array-shaping and math operators, and `$reduce`.
@Suite struct ExpressionCollectionTests {
    @Test func objects() throws {
        #expect(try evaluate(["$mergeObjects": [["a": 1, "b": 2], .null, ["b": 3, "c": 4]]]) == ["a": 1, "b": 3, "c": 4])
        #expect(try evaluate(["$objectToArray": ["$literal": ["x": 1, "y": "z"]]]) == [["k": "x", "v": 1], ["k": "y", "v": "z"]])
        #expect(try evaluate(["$arrayToObject": [["$literal": [["a", 1], ["b", 2], ["a", 3]]]]]) == ["a": 3, "b": 2])
        #expect(try evaluate(["$arrayToObject": [["$literal": [["k": "p", "v": true]]]]]) == ["p": true])
        #expect(throws: EngineError(.mergeObjectsNotObject, "$mergeObjects requires object inputs, but input 1 is of type int")) {
            try evaluate(["$mergeObjects": [["a": 1], 5]])
        }
        #expect(throws: EngineError(.arrayToObjectPairSize, "$arrayToObject requires an array of size 2 arrays,found array of size: 1")) {
            try evaluate(["$arrayToObject": [["$literal": [["a"]]]]])
        }
    }

    @Test func arrayShaping() throws {
        let doc: Document = ["a": [1, 2, 3, 4, 5]]
        #expect(try evaluate(["$slice": ["$a", 2]], doc) == [1, 2])
        #expect(try evaluate(["$slice": ["$a", -2]], doc) == [4, 5])
        #expect(try evaluate(["$slice": ["$a", 1, 3]], doc) == [2, 3, 4])
        #expect(try evaluate(["$slice": ["$a", -4, 2]], doc) == [2, 3])
        #expect(throws: EngineError(.sliceThirdNotPositive, "Third argument to $slice must be positive: 0")) {
            try evaluate(["$slice": ["$a", 1, 0]], doc)
        }
        #expect(try evaluate(["$reverseArray": "$a"], doc) == [5, 4, 3, 2, 1])
        #expect(try evaluate(["$first": "$a"], doc) == .int32(1))
        #expect(try evaluate(["$last": "$a"], doc) == .int32(5))
        #expect(try evaluate(["$first": [["$literal": []]]]) == nil)
        #expect(try evaluate(["$indexOfArray": ["$a", 3]], doc) == .int32(2))
        #expect(try evaluate(["$indexOfArray": ["$a", 3, 3]], doc) == .int32(-1))
        #expect(try evaluate(["$range": [0, 10, 3]]) == [0, 3, 6, 9])
        #expect(try evaluate(["$range": [5, 0, -2]]) == [5, 3, 1])
        #expect(throws: EngineError(.rangeZeroStep, "$range requires a non-zero step value")) { try evaluate(["$range": [0, 5, 0]]) }
        #expect(try evaluate(["$allElementsTrue": [[1, true, "x"]]]) == true)
        #expect(try evaluate(["$anyElementTrue": [[0, false, .null]]]) == false)
    }

    @Test func sets() throws {
        #expect(try evaluate(["$setUnion": [[1, 2], [2.0, 3]]]) == [1, 2, 3])
        #expect(try evaluate(["$setIntersection": [[1, 2, 3], [3, 1]]]) == [1, 3])
        #expect(try evaluate(["$setDifference": [[1, 2, 3], [2]]]) == [1, 3])
        #expect(try evaluate(["$setEquals": [[1, 2, 2], [2, 1]]]) == true)
        #expect(try evaluate(["$setIsSubset": [[1], [1, 2]]]) == true)
        #expect(try evaluate(["$setUnion": [[1], "$nope"]]) == .null)
        #expect(throws: EngineError(.setDifferenceSecondNotArray, "both operands of $setDifference must be arrays. Second argument is of type: int")) {
            try evaluate(["$setDifference": [[1], 2]])
        }
    }

    @Test func listAggregatesAndMath() throws {
        let doc: Document = ["xs": [1, 2, "skip", 4.5]]
        #expect(try evaluate(["$sum": "$xs"], doc) == .double(7.5))
        #expect(try evaluate(["$sum": [1, 2, 3]]) == .int32(6))
        #expect(try evaluate(["$avg": [1, 2]]) == .double(1.5))
        #expect(try evaluate(["$avg": ["$nope"]]) == .null)
        #expect(try evaluate(["$max": "$xs"], doc) == "skip")
        #expect(try evaluate(["$min": [3, .null, 1]]) == .int32(1))
        #expect(try evaluate(["$pow": [2, 10]]) == .int32(1024))
        #expect(try evaluate(["$pow": [2, 40]]) == .int64(1 << 40))
        #expect(try evaluate(["$pow": [2, -1]]) == .double(0.5))
        #expect(try evaluate(["$sqrt": 16]) == .double(4))
        #expect(try evaluate(["$log10": 1000]) == .double(3))
        #expect(try evaluate(["$log": [8, 2]]) == .double(3))
        #expect(throws: EngineError(.sqrtNegative, "$sqrt's argument must be greater than or equal to 0")) { try evaluate(["$sqrt": -1]) }
        #expect(throws: EngineError(.powZeroNegative, "$pow cannot take a base of 0 and a negative exponent")) { try evaluate(["$pow": [0, -1]]) }
        #expect(try evaluate(["$strcasecmp": ["ABC", "abc"]]) == .int32(0))
        #expect(try evaluate(["$strcasecmp": ["abd", "ABC"]]) == .int32(1))
    }

    @Test func reduceFoldsWithValueAndThis() throws {
        #expect(try evaluate(["$reduce": ["input": [1, 2, 3], "initialValue": 0, "in": ["$add": ["$$value", "$$this"]]]]) == .int32(6))
        #expect(try evaluate(["$reduce": ["input": ["a", "b"], "initialValue": "", "in": ["$concat": ["$$value", "$$this"]]]]) == "ab")
        #expect(try evaluate(["$reduce": ["input": "$nope", "initialValue": 0, "in": 1]]) == .null)
        #expect(throws: EngineError(.reduceMissingInitialValue, "$reduce requires 'initialValue' to be specified")) {
            try Expression(["$reduce": ["input": [1], "in": 1]])
        }
        #expect(throws: EngineError(.undefinedVariable, "Use of undefined variable: value")) { try Expression("$$value") }
    }
}
