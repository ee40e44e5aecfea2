import BSON
import Testing

@testable import EngineQuery

/// String and array operators, positions counted in code points.
@Suite struct ExpressionStringArrayTests {
    @Test func concatAndCase() throws {
        #expect(try evaluate(["$concat": ["a", "-", "$s"]], ["s": "b"]) == "a-b")
        #expect(try evaluate(["$concat": ["a", "$nope"]]) == .null)
        #expect(throws: EngineError(.concatNotString, "$concat only supports strings, not int")) { try evaluate(["$concat": ["a", 1]]) }
        #expect(try evaluate(["$toLower": "ÀbC"]) == "Àbc")
        #expect(try evaluate(["$toUpper": "abc1"]) == "ABC1")
        #expect(try evaluate(["$toUpper": "$nope"]) == "")
        #expect(try evaluate(["$toLower": 12]) == "12")
    }

    @Test func codePointOperators() throws {
        #expect(try evaluate(["$substrCP": ["héllo wörld", 1, 4]]) == "éllo")
        #expect(try evaluate(["$substrCP": ["abc", 2, 10]]) == "c")
        #expect(try evaluate(["$substrCP": ["abc", 5, 1]]) == "")
        #expect(try evaluate(["$strLenCP": "héllo"]) == .int32(5))
        #expect(try evaluate(["$strLenCP": "🎉a"]) == .int32(2))
        #expect(throws: EngineError(.strLenCPNotString, "$strLenCP requires a string argument, found: int")) { try evaluate(["$strLenCP": 5]) }
        #expect(throws: EngineError(.substrLengthNegative, "$substrCP: length must be a nonnegative integer.")) {
            try evaluate(["$substrCP": ["abc", 0, -1]])
        }
    }

    @Test func splitAndTrim() throws {
        #expect(try evaluate(["$split": ["a,b,,c", ","]]) == ["a", "b", "", "c"])
        #expect(try evaluate(["$split": ["abc", "x"]]) == ["abc"])
        #expect(try evaluate(["$split": [.null, ","]]) == .null)
        #expect(throws: EngineError(.splitEmptySeparator, "$split requires a non-empty separator")) { try evaluate(["$split": ["a", ""]]) }
        #expect(try evaluate(["$trim": ["input": "  hi \n"]]) == "hi")
        #expect(try evaluate(["$ltrim": ["input": "xxhixx", "chars": "x"]]) == "hixx")
        #expect(try evaluate(["$rtrim": ["input": "xxhixx", "chars": "x"]]) == "xxhi")
        #expect(try evaluate(["$trim": ["input": "$nope"]]) == .null)
    }

    @Test func regexMatch() throws {
        #expect(try evaluate(["$regexMatch": ["input": "Hello World", "regex": "^hello", "options": "i"]]) == true)
        #expect(try evaluate(["$regexMatch": ["input": "Hello", "regex": .regex(pattern: "l+o$", options: "")]]) == true)
        #expect(try evaluate(["$regexMatch": ["input": "$s", "regex": "$r"]], ["s": "abc", "r": "c$"]) == true)
        #expect(try evaluate(["$regexMatch": ["input": "$nope", "regex": "x"]]) == false)
        #expect(throws: EngineError(.regexInputNotString, "$regexMatch needs 'input' to be of type string, found: int")) {
            try evaluate(["$regexMatch": ["input": 5, "regex": "x"]])
        }
        #expect(throws: EngineError(.regexOptionsInBoth, "$regexMatch: regex option(s) specified in both 'regex' and 'option' fields")) {
            try Expression(["$regexMatch": ["input": "a", "regex": .regex(pattern: "a", options: "i"), "options": "m"]])
        }
    }

    @Test func arrays() throws {
        let doc: Document = ["a": [10, 20, 30]]
        #expect(try evaluate(["$size": "$a"], doc) == .int32(3))
        #expect(throws: EngineError(.sizeNotArray, "The argument to $size must be an array. Type of argument is missing")) {
            try evaluate(["$size": "$nope"], doc)
        }
        #expect(try evaluate(["$arrayElemAt": ["$a", 1]], doc) == .int32(20))
        #expect(try evaluate(["$arrayElemAt": ["$a", -1]], doc) == .int32(30))
        #expect(try evaluate(["$arrayElemAt": ["$a", 3]], doc) == nil)
        #expect(try evaluate(["$in": [20.0, "$a"]], doc) == true)
        #expect(try evaluate(["$in": [25, "$a"]], doc) == false)
        #expect(throws: EngineError(.inNotArray, "$in requires an array as a second argument, found: missing")) {
            try evaluate(["$in": [1, "$nope"]], doc)
        }
        #expect(try evaluate(["$concatArrays": ["$a", [1], []]], doc) == [10, 20, 30, 1])
        #expect(try evaluate(["$concatArrays": ["$a", "$nope"]], doc) == .null)
        #expect(try evaluate(["$isArray": ["$a"]], doc) == true)
        #expect(try evaluate(["$isArray": "$nope"], doc) == false)
    }
}
