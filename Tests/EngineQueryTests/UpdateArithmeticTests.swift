import BSON
import Testing

@testable import EngineQuery

/// `$inc`, `$mul`, `$min`, `$max`, `$bit`: MongoDB's numeric type rules and errors.
@Suite struct UpdateArithmeticTests {
    typealias T = UpdateTestSupport

    @Test func incKeepsOrWidensTheType() {
        T.expect(#"{"$inc": {"a": 2}}"#, on: #"{"a": 1}"#, gives: #"{"a": 3}"#)
        T.expect(#"{"$inc": {"a": {"$numberLong": "2"}}}"#, on: #"{"a": 1}"#, gives: #"{"a": {"$numberLong": "3"}}"#)
        T.expect(#"{"$inc": {"a": 0.5}}"#, on: #"{"a": 1}"#, gives: #"{"a": 1.5}"#)
        T.expect(#"{"$inc": {"a": 1}}"#, on: #"{"a": 2147483647}"#, gives: #"{"a": {"$numberLong": "2147483648"}}"#)
    }

    @Test func incCreatesTheOperandAndMulCreatesATypedZero() {
        T.expect(#"{"$inc": {"a.b": 5}}"#, on: #"{}"#, gives: #"{"a": {"b": 5}}"#)
        T.expect(#"{"$mul": {"a": 5, "b": {"$numberLong": "5"}, "c": 2.5}}"#, on: #"{}"#,
                 gives: #"{"a": 0, "b": {"$numberLong": "0"}, "c": 0.0}"#)
    }

    @Test func mulWidensOnInt32Overflow() {
        T.expect(#"{"$mul": {"a": 65536}}"#, on: #"{"a": 65536}"#, gives: #"{"a": {"$numberLong": "4294967296"}}"#)
        T.expect(#"{"$mul": {"a": 1.5}}"#, on: #"{"a": 2}"#, gives: #"{"a": 3.0}"#)
    }

    @Test func int64OverflowIsAnError() {
        T.expectError(#"{"$inc": {"a": 1}}"#, on: #"{"_id": 1, "a": {"$numberLong": "9223372036854775807"}}"#, code: .badValue,
                      message: "Failed to apply $inc operations to current value ((NumberLong)9223372036854775807) for document {_id: 1}")
        T.expectError(#"{"$mul": {"a": 2}}"#, on: #"{"_id": 1, "a": {"$numberLong": "9223372036854775807"}}"#, code: .badValue)
    }

    @Test func incByZeroOfTheSameTypeIsANoOp() throws {
        let before = #"{"a": 1, "b": 2.5}"#
        #expect(try T.apply(#"{"$inc": {"a": 0, "b": 0.0}}"#, to: before) == (try T.document(before)))
    }

    @Test func nonNumericTargetsAndOperandsAreTypeMismatch() {
        T.expectError(#"{"$inc": {"a": 1}}"#, on: #"{"_id": 1, "a": "x"}"#, code: .typeMismatch,
                      message: "Cannot apply $inc to a value of non-numeric type. {_id: 1} has the field 'a' of non-numeric type string")
        T.expectError(#"{"$mul": {"a": 1}}"#, on: #"{"_id": 1, "a": null}"#, code: .typeMismatch)
        T.expectError(#"{"$inc": {"a": "1"}}"#, code: .typeMismatch, message: #"Cannot increment with non-numeric argument: {a: "1"}"#)
        T.expectError(#"{"$mul": {"a": true}}"#, code: .typeMismatch, message: "Cannot multiply with non-numeric argument: {a: true}")
    }

    @Test func minAndMaxCompareInBSONOrder() {
        T.expect(#"{"$min": {"a": 1, "b": 10}}"#, on: #"{"a": 5, "b": 5}"#, gives: #"{"a": 1, "b": 5}"#)
        T.expect(#"{"$max": {"a": 1, "b": 10}}"#, on: #"{"a": 5, "b": 5}"#, gives: #"{"a": 5, "b": 10}"#)
        // Strings sort above numbers, null below.
        T.expect(#"{"$max": {"a": "x"}, "$min": {"b": null}}"#, on: #"{"a": 5, "b": 5}"#, gives: #"{"a": "x", "b": null}"#)
        // Equal values of another type are not a change.
        T.expect(#"{"$min": {"a": 5.0}}"#, on: #"{"a": 5}"#, gives: #"{"a": 5}"#)
        T.expect(#"{"$max": {"c": 3}}"#, on: #"{"a": 5}"#, gives: #"{"a": 5, "c": 3}"#)
    }

    @Test func bitCombinesIntegers() {
        T.expect(#"{"$bit": {"a": {"and": 10}, "b": {"or": 4}, "c": {"xor": 3}}}"#, on: #"{"a": 12, "b": 1, "c": 5}"#,
                 gives: #"{"a": 8, "b": 5, "c": 6}"#)
        T.expect(#"{"$bit": {"a": {"or": {"$numberLong": "4"}}}}"#, on: #"{"a": 1}"#, gives: #"{"a": {"$numberLong": "5"}}"#)
        T.expectError(#"{"$bit": {"a": {"and": 1.5}}}"#, code: .badValue)
        T.expectError(#"{"$bit": {"a": {"not": 1}}}"#, code: .badValue)
        T.expectError(#"{"$bit": {"a": {"and": 1}}}"#, on: #"{"_id": 1, "a": 1.0}"#, code: .badValue)
    }
}
