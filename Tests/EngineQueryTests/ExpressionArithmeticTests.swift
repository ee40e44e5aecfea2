import BSON
import Testing

@testable import EngineQuery

/// Evaluates `expression` against `document`; nil is "missing".
func evaluate(_ expression: BSONValue, _ document: Document = [:]) throws -> BSONValue? {
    try Expression(expression).evaluate(document)
}

/// Arithmetic with MongoDB's result types: values and their BSON types both checked.
@Suite struct ExpressionArithmeticTests {
    @Test func addWidensIntToLongToDouble() throws {
        #expect(try evaluate(["$add": [1, 2]]) == .int32(3))
        #expect(try evaluate(["$add": [.int32(.max), 1]]) == .int64(Int64(Int32.max) + 1))
        #expect(try evaluate(["$add": [.int64(.max), .int64(1)]]) == .double(Double(Int64.max) + 1))
        #expect(try evaluate(["$add": [1, 0.5]]) == .double(1.5))
        #expect(try evaluate(["$add": [1, .decimal128(Decimal128("0.25")!)]]) == .decimal128(Decimal128("1.25")!))
        #expect(try evaluate(["$add": []]) == .int32(0))
    }

    @Test func addWithADateIsADate() throws {
        #expect(try evaluate(["$add": ["$d", 1000]], ["d": .datetime(5_000)]) == .datetime(6_000))
        #expect(try evaluate(["$add": ["$d", 1.6]], ["d": .datetime(0)]) == .datetime(2))
        #expect(throws: EngineError(.addOneDate, "only one date allowed in an $add expression")) {
            try evaluate(["$add": ["$d", "$d"]], ["d": .datetime(0)])
        }
    }

    @Test func nullOrMissingOperandsGiveNull() throws {
        #expect(try evaluate(["$add": [1, "$nope"]]) == .null)
        #expect(try evaluate(["$multiply": [2, .null]]) == .null)
        #expect(try evaluate(["$subtract": ["$nope", 1]]) == .null)
        #expect(try evaluate(["$divide": [1, .null]]) == .null)
        #expect(try evaluate(["$abs": "$nope"]) == .null)
    }

    @Test func nonNumbersAreTypeErrors() {
        #expect(throws: EngineError(.typeMismatch, "$add only supports numeric or date types, not string")) {
            try evaluate(["$add": [1, "x"]])
        }
        #expect(throws: EngineError(.typeMismatch, "$multiply only supports numeric types, not bool")) {
            try evaluate(["$multiply": [1, true]])
        }
        #expect(throws: EngineError(.typeMismatch, "can't $subtract date from int")) {
            try evaluate(["$subtract": [1, "$d"]], ["d": .datetime(0)])
        }
    }

    @Test func subtractDatesAndNumbers() throws {
        #expect(try evaluate(["$subtract": ["$a", "$b"]], ["a": .datetime(10_000), "b": .datetime(4_000)]) == .int64(6_000))
        #expect(try evaluate(["$subtract": ["$a", 500]], ["a": .datetime(10_000)]) == .datetime(9_500))
        #expect(try evaluate(["$subtract": [.int32(.min), 1]]) == .int64(Int64(Int32.min) - 1))
        #expect(try evaluate(["$subtract": [5, 7]]) == .int32(-2))
    }

    @Test func multiplyAndDivide() throws {
        #expect(try evaluate(["$multiply": [6, 7]]) == .int32(42))
        #expect(try evaluate(["$multiply": [.int32(65_536), .int32(65_536)]]) == .int64(4_294_967_296))
        #expect(try evaluate(["$multiply": [.int64(.max), 2]]) == .double(Double(Int64.max) * 2))
        #expect(try evaluate(["$divide": [7, 2]]) == .double(3.5))
        #expect(try evaluate(["$divide": [6, 3]]) == .double(2))
        #expect(throws: EngineError(.divideByZero, "can't $divide by zero")) { try evaluate(["$divide": [1, 0]]) }
        #expect(throws: EngineError(.divideNotNumeric, "$divide only supports numeric types, not string and int")) {
            try evaluate(["$divide": ["a", 1]])
        }
    }

    @Test func modKeepsIntegerTypes() throws {
        #expect(try evaluate(["$mod": [7, 3]]) == .int32(1))
        #expect(try evaluate(["$mod": [-7, 3]]) == .int32(-1))
        #expect(try evaluate(["$mod": [.int64(10), 4]]) == .int64(2))
        #expect(try evaluate(["$mod": [7.5, 2]]) == .double(1.5))
        #expect(try evaluate(["$mod": [.int64(.min), -1]]) == .int64(0))
        #expect(throws: EngineError(.modByZero, "can't $mod by zero")) { try evaluate(["$mod": [1, 0]]) }
    }

    @Test func oneNumberOperators() throws {
        #expect(try evaluate(["$abs": -5]) == .int32(5))
        #expect(try evaluate(["$abs": .int32(.min)]) == .int64(2_147_483_648))
        #expect(try evaluate(["$abs": -2.5]) == .double(2.5))
        #expect(throws: EngineError(.absOfLongMin, "can't take $abs of long long min")) { try evaluate(["$abs": .int64(.min)]) }
        #expect(try evaluate(["$ceil": 1.2]) == .double(2))
        #expect(try evaluate(["$floor": -1.2]) == .double(-2))
        #expect(try evaluate(["$floor": 7]) == .int32(7))
        #expect(throws: EngineError(.notNumeric, "$ceil only supports numeric types, not string")) { try evaluate(["$ceil": "x"]) }
    }

    @Test func roundIsHalfToEvenAndTruncTowardZero() throws {
        #expect(try evaluate(["$round": 2.5]) == .double(2))
        #expect(try evaluate(["$round": 3.5]) == .double(4))
        #expect(try evaluate(["$round": [1.2345, 2]]) == .double(1.23))
        #expect(try evaluate(["$round": [1234, -2]]) == .int32(1200))
        #expect(try evaluate(["$round": [.int64(1250), -2]]) == .int64(1200))
        #expect(try evaluate(["$trunc": -2.7]) == .double(-2))
        #expect(try evaluate(["$trunc": [3.789, 1]]) == .double(3.7))
        #expect(try evaluate(["$trunc": [-3.789, 1]]) == .double(-3.7))
        #expect(try evaluate(["$round": .decimal128(Decimal128("2.5")!)]) == .decimal128(Decimal128("2")!))
        #expect(try evaluate(["$round": [1e300, 2]]) == .double(1e300))
        #expect(try evaluate(["$round": [1.25e20, -20]]) == .double(1e20))
        #expect(try evaluate(["$add": [.decimal128(Decimal128("1")!), 1e-7]]) == .decimal128(Decimal128("1.0000001")!))
    }
}
