import BSON
import Testing

@testable import EngineQuery

/// `$push`, `$addToSet`, `$pull`, `$pullAll`, `$pop`.
@Suite struct UpdateArrayOperatorTests {
    typealias T = UpdateTestSupport

    @Test func pushAppendsAndCreates() {
        T.expect(#"{"$push": {"a": 3}}"#, on: #"{"a": [1, 2]}"#, gives: #"{"a": [1, 2, 3]}"#)
        T.expect(#"{"$push": {"a": [3]}}"#, on: #"{"a": []}"#, gives: #"{"a": [[3]]}"#)
        T.expect(#"{"$push": {"b.c": {"x": 1}}}"#, on: #"{}"#, gives: #"{"b": {"c": [{"x": 1}]}}"#)
    }

    @Test func pushWithEachPositionSortAndSlice() {
        T.expect(#"{"$push": {"a": {"$each": [7, 8], "$position": 1}}}"#, on: #"{"a": [1, 2, 3]}"#, gives: #"{"a": [1, 7, 8, 2, 3]}"#)
        T.expect(#"{"$push": {"a": {"$each": [7], "$position": -1}}}"#, on: #"{"a": [1, 2, 3]}"#, gives: #"{"a": [1, 2, 7, 3]}"#)
        T.expect(#"{"$push": {"a": {"$each": [7], "$position": -10}}}"#, on: #"{"a": [1, 2]}"#, gives: #"{"a": [7, 1, 2]}"#)
        T.expect(#"{"$push": {"a": {"$each": [0, 9], "$sort": 1, "$slice": 3}}}"#, on: #"{"a": [5, 1]}"#, gives: #"{"a": [0, 1, 5]}"#)
        T.expect(#"{"$push": {"a": {"$each": [4], "$slice": -2}}}"#, on: #"{"a": [1, 2, 3]}"#, gives: #"{"a": [3, 4]}"#)
        T.expect(#"{"$push": {"a": {"$each": [], "$slice": 0}}}"#, on: #"{"a": [1]}"#, gives: #"{"a": []}"#)
        T.expect(#"{"$push": {"a": {"$each": [{"s": 2, "n": "b"}], "$sort": {"s": -1}}}}"#,
                 on: #"{"a": [{"s": 1, "n": "a"}, {"s": 3, "n": "c"}]}"#,
                 gives: #"{"a": [{"s": 3, "n": "c"}, {"s": 2, "n": "b"}, {"s": 1, "n": "a"}]}"#)
    }

    @Test func pushRejectsBadClausesAndNonArrays() {
        T.expectError(#"{"$push": {"a": {"$each": [1], "$foo": 1}}}"#, code: .badValue, message: "Unrecognized clause in $push: $foo")
        T.expectError(#"{"$push": {"a": {"$each": 1}}}"#, code: .badValue,
                      message: "The argument to $each in $push must be an array but it was of type: int")
        T.expectError(#"{"$push": {"a": {"$each": [1], "$slice": "x"}}}"#, code: .badValue)
        T.expectError(#"{"$push": {"a": {"$each": [1], "$sort": 2}}}"#, code: .badValue,
                      message: "The $sort element value must be either 1 or -1")
        T.expectError(#"{"$push": {"a": {"$each": [1], "$sort": {}}}}"#, code: .badValue)
        T.expectError(#"{"$push": {"a": 1}}"#, on: #"{"_id": 1, "a": 5}"#, code: .badValue,
                      message: "The field 'a' must be an array but is of type int in document {_id: 1}")
    }

    @Test func addToSetAddsOnlyMissingValues() {
        T.expect(#"{"$addToSet": {"a": 2}}"#, on: #"{"a": [1, 2]}"#, gives: #"{"a": [1, 2]}"#)
        T.expect(#"{"$addToSet": {"a": 2.0}}"#, on: #"{"a": [1, 2]}"#, gives: #"{"a": [1, 2]}"#)
        T.expect(#"{"$addToSet": {"a": {"$each": [3, 1, 3, 4]}}}"#, on: #"{"a": [1]}"#, gives: #"{"a": [1, 3, 4]}"#)
        T.expect(#"{"$addToSet": {"a": {"$each": [2, 2]}}}"#, on: #"{}"#, gives: #"{"a": [2]}"#)
        T.expect(#"{"$addToSet": {"a": {"b": 1}}}"#, on: #"{"a": [{"b": 1}]}"#, gives: #"{"a": [{"b": 1}]}"#)
        T.expectError(#"{"$addToSet": {"a": 1}}"#, on: #"{"_id": 1, "a": 1}"#, code: .badValue,
                      message: "Cannot apply $addToSet to non-array field. Field named 'a' has non-array type int")
        T.expectError(#"{"$addToSet": {"a": {"$each": 1}}}"#, code: .typeMismatch)
    }

    @Test func pullByValueConditionAndDocument() {
        T.expect(#"{"$pull": {"a": 2}}"#, on: #"{"a": [1, 2, 2.0, 3]}"#, gives: #"{"a": [1, 3]}"#)
        T.expect(#"{"$pull": {"a": {"$gte": 2}}}"#, on: #"{"a": [1, 2, 3, "x"]}"#, gives: #"{"a": [1, "x"]}"#)
        T.expect(#"{"$pull": {"a": {"b": 1}}}"#, on: #"{"a": [{"b": 1, "c": 2}, {"b": 2}, 1]}"#, gives: #"{"a": [{"b": 2}, 1]}"#)
        T.expect(#"{"$pull": {"a": {"$regularExpression": {"pattern": "^x", "options": ""}}}}"#,
                 on: #"{"a": ["xa", "ya", "x"]}"#, gives: #"{"a": ["ya"]}"#)
        T.expect(#"{"$pull": {"a": [1, 2]}}"#, on: #"{"a": [[1, 2], [2, 1]]}"#, gives: #"{"a": [[2, 1]]}"#)
        T.expect(#"{"$pull": {"x": 1}}"#, on: #"{"a": 1}"#, gives: #"{"a": 1}"#)
        T.expectError(#"{"$pull": {"a": 1}}"#, on: #"{"a": 1}"#, code: .badValue, message: "Cannot apply $pull to a non-array value")
        T.expectError(#"{"$pull": {"a.b": 1}}"#, on: #"{"a": 1}"#, code: .pathNotViable,
                      message: "Cannot use the part (b) of (a.b) to traverse the element ({a: 1})")
    }

    @Test func pullAllRemovesEveryListedValue() {
        T.expect(#"{"$pullAll": {"a": [1, "x"]}}"#, on: #"{"a": [1, 2, "x", 1.0]}"#, gives: #"{"a": [2]}"#)
        T.expectError(#"{"$pullAll": {"a": 1}}"#, code: .badValue, message: "$pullAll requires an array argument but was given a int")
    }

    @Test func popRemovesFromEitherEnd() {
        T.expect(#"{"$pop": {"a": 1, "b": -1}}"#, on: #"{"a": [1, 2], "b": [1, 2]}"#, gives: #"{"a": [1], "b": [2]}"#)
        T.expect(#"{"$pop": {"a": 1, "x": 1}}"#, on: #"{"a": []}"#, gives: #"{"a": []}"#)
        T.expectError(#"{"$pop": {"a": 2}}"#, code: .failedToParse, message: "$pop expects 1 or -1, found: 2")
        T.expectError(#"{"$pop": {"a": 1}}"#, on: #"{"a": 1}"#, code: .typeMismatch,
                      message: "Path 'a' contains an element of non-array type 'int'")
    }
}
