import BSON
import Testing

@testable import EngineQuery

/// `$rename`: moving values, and MongoDB's refusals.
@Suite struct UpdateRenameTests {
    typealias T = UpdateTestSupport

    @Test func renameMovesTheValueToTheEnd() {
        T.expect(#"{"$rename": {"a": "z"}}"#, on: #"{"_id": 1, "a": 1, "b": 2}"#, gives: #"{"_id": 1, "b": 2, "z": 1}"#)
    }

    @Test func renameOverwritesAnExistingDestinationInPlace() {
        T.expect(#"{"$rename": {"a": "b"}}"#, on: #"{"a": 1, "b": 2, "c": 3}"#, gives: #"{"b": 1, "c": 3}"#)
    }

    @Test func renameAcrossLevels() {
        T.expect(#"{"$rename": {"a.b": "c.d"}}"#, on: #"{"a": {"b": 1, "x": 2}}"#, gives: #"{"a": {"x": 2}, "c": {"d": 1}}"#)
        T.expect(#"{"$rename": {"a.b": "c"}}"#, on: #"{"a": {"b": 1}}"#, gives: #"{"a": {}, "c": 1}"#)
    }

    @Test func renameOfAMissingSourceIsANoOp() {
        T.expect(#"{"$rename": {"x": "y"}}"#, on: #"{"a": 1}"#, gives: #"{"a": 1}"#)
    }

    @Test func renameRefusesArraysOnEitherPath() {
        T.expectError(#"{"$rename": {"a.0": "b"}}"#, on: #"{"_id": 1, "a": [1]}"#, code: .badValue,
                      message: "The source field cannot be an array element, 'a.0' in doc with _id: 1 has an array field called 'a'")
        T.expectError(#"{"$rename": {"x": "a.b"}}"#, on: #"{"_id": 1, "x": 1, "a": [1]}"#, code: .badValue,
                      message: "The destination field cannot be an array element, 'a.b' in doc with _id: 1 has an array field called 'a'")
    }

    @Test func renameRefusesBadSpecs() {
        T.expectError(#"{"$rename": {"a": 1}}"#, code: .badValue, message: "The 'to' field for $rename must be a string: a: 1")
        T.expectError(#"{"$rename": {"a": "a"}}"#, code: .badValue, message: #"The source and target field for $rename must differ: a: "a""#)
        T.expectError(#"{"$rename": {"a": "a.b"}}"#, code: .badValue,
                      message: #"The source and target field for $rename must not be on the same path: a: "a.b""#)
        T.expectError(#"{"$rename": {"a.$": "b"}}"#, code: .badValue, message: "The source field for $rename may not be dynamic: a.$")
        T.expectError(#"{"$rename": {"a": "b.$[]"}}"#, code: .badValue, message: "The destination field for $rename may not be dynamic: b.$[]")
    }

    @Test func renameConflictsWithOtherOperatorsOnEitherPath() {
        T.expectError(#"{"$rename": {"a": "b"}, "$set": {"a": 1}}"#, code: .conflictingUpdateOperators,
                      message: "Updating the path 'a' would create a conflict at 'a'")
        T.expectError(#"{"$rename": {"a": "b"}, "$set": {"b.c": 1}}"#, code: .conflictingUpdateOperators,
                      message: "Updating the path 'b.c' would create a conflict at 'b'")
    }
}
