import BSON
import Testing

@testable import EngineQuery

/// Updates MongoDB refuses before touching a document.
@Suite struct UpdateParseErrorTests {
    typealias T = UpdateTestSupport

    @Test func unknownOperatorsAndNonDocumentArguments() {
        T.expectError(#"{"$foo": {"a": 1}}"#, code: .failedToParse,
                      message: "Unknown modifier: $foo. Expected a valid update modifier or pipeline-style update specified as an array")
        T.expectError(#"{"$set": {"a": 1}, "b": 2}"#, code: .failedToParse)
        T.expectError(#"{"$set": 1}"#, code: .failedToParse,
                      message: "Modifiers operate on fields but we found type int instead. For example: {$mod: {<field>: ...}} not {$set: 1}")
    }

    @Test func emptyOperatorDocumentsAreAccepted() {
        // MongoDB 5.0 and later treat `{$set: {}}` as a no-op.
        T.expect(#"{"$set": {}}"#, on: #"{"a": 1}"#, gives: #"{"a": 1}"#)
    }

    @Test func conflictingPaths() {
        T.expectError(#"{"$set": {"a": 1, "a.b": 2}}"#, code: .conflictingUpdateOperators,
                      message: "Updating the path 'a.b' would create a conflict at 'a'")
        T.expectError(#"{"$set": {"a.b": 1}, "$inc": {"a": 2}}"#, code: .conflictingUpdateOperators,
                      message: "Updating the path 'a' would create a conflict at 'a'")
        T.expectError(#"{"$set": {"a": 1}, "$unset": {"a": 1}}"#, code: .conflictingUpdateOperators)
        T.expectError(#"{"$set": {"a.0": 1, "a.$[]": 2}}"#, code: .conflictingUpdateOperators,
                      message: "Updating the path 'a.$[]' would create a conflict at 'a'")
        T.expect(#"{"$set": {"a.b": 1, "a.c": 2}}"#, on: "{}", gives: #"{"a": {"b": 1, "c": 2}}"#)
    }

    @Test func emptyAndDollarPaths() {
        T.expectError(#"{"$set": {"": 1}}"#, code: .updateEmptyFieldName, message: "An empty update path is not valid.")
        T.expectError(#"{"$set": {"a..b": 1}}"#, code: .updateEmptyFieldName,
                      message: "The update path 'a..b' contains an empty field name, which is not allowed.")
        T.expectError(#"{"$set": {"$x": 1}}"#, code: .storageDollarPrefixedFieldName)
    }
}
