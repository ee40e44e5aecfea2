import BSON
import Testing

@testable import EngineQuery

/// `$`, `$[]` and `$[identifier]` with arrayFilters, and the matched position a filter reports.
@Suite struct UpdatePositionalTests {
    typealias T = UpdateTestSupport

    @Test func positionalUsesTheMatchedIndex() {
        T.expect(#"{"$set": {"a.$": 9}}"#, on: #"{"a": [1, 2, 3]}"#, gives: #"{"a": [1, 9, 3]}"#, matchedIndex: 1)
        T.expect(#"{"$inc": {"a.$.n": 1}}"#, on: #"{"a": [{"n": 1}, {"n": 5}]}"#, gives: #"{"a": [{"n": 1}, {"n": 6}]}"#, matchedIndex: 1)
        T.expectError(#"{"$set": {"a.$": 9}}"#, on: #"{"a": [1]}"#, code: .badValue,
                      message: "The positional operator did not find the match needed from the query.")
    }

    @Test func positionalPathRules() {
        T.expectError(#"{"$set": {"$.a": 1}}"#, code: .badValue,
                      message: "Cannot have positional (i.e. '$') element in the first position in path '$.a'")
        T.expectError(#"{"$set": {"a.$.b.$": 1}}"#, code: .badValue,
                      message: "Too many positional (i.e. '$') elements found in path 'a.$.b.$'")
    }

    @Test func allElementsUpdatesEveryElement() {
        T.expect(#"{"$inc": {"a.$[]": 10}}"#, on: #"{"a": [1, 2]}"#, gives: #"{"a": [11, 12]}"#)
        T.expect(#"{"$set": {"a.$[].b": 0}}"#, on: #"{"a": [{"b": 1}, {"c": 1}]}"#, gives: #"{"a": [{"b": 0}, {"c": 1, "b": 0}]}"#)
        T.expect(#"{"$set": {"a.$[]": 0}}"#, on: #"{"a": []}"#, gives: #"{"a": []}"#)
        T.expectError(#"{"$set": {"a.$[]": 0}}"#, on: #"{"a": 5}"#, code: .badValue,
                      message: "Cannot apply array updates to non-array element a: 5")
        T.expectError(#"{"$set": {"a.$[]": 0}}"#, on: #"{}"#, code: .badValue,
                      message: "The path 'a' must exist in the document in order to apply array updates.")
    }

    @Test func arrayFiltersSelectElements() {
        T.expect(#"{"$set": {"a.$[x]": 0}}"#, on: #"{"a": [1, 5, 2, 7]}"#, gives: #"{"a": [1, 0, 2, 0]}"#,
                 filters: [#"{"x": {"$gt": 4}}"#])
        T.expect(#"{"$inc": {"a.$[e].n": 1}}"#, on: #"{"a": [{"k": "p", "n": 1}, {"k": "q", "n": 1}]}"#,
                 gives: #"{"a": [{"k": "p", "n": 2}, {"k": "q", "n": 1}]}"#, filters: [#"{"e.k": "p"}"#])
        T.expect(#"{"$set": {"a.$[i].b.$[j]": 0}}"#, on: #"{"a": [{"i": 1, "b": [1, 2]}, {"i": 2, "b": [1, 2]}]}"#,
                 gives: #"{"a": [{"i": 1, "b": [1, 0]}, {"i": 2, "b": [1, 2]}]}"#,
                 filters: [#"{"i.i": 1}"#, #"{"j": 2}"#])
    }

    @Test func twoFiltersThatPickOneElementMustNotCollide() {
        T.expectError(#"{"$set": {"a.$[x]": 1, "a.$[y]": 2}}"#, on: #"{"a": [5]}"#, code: .conflictingUpdateOperators,
                      filters: [#"{"x": 5}"#, #"{"y": {"$gt": 1}}"#])
    }

    @Test func arrayFilterErrors() {
        T.expectError(#"{"$set": {"a.$[x]": 1}}"#, code: .badValue, message: "No array filter found for identifier 'x' in path 'a.$[x]'")
        T.expectError(#"{"$set": {"a": 1}}"#, code: .failedToParse,
                      message: "The array filter for identifier 'x' was not used in the update { $set: { a: 1 } }",
                      filters: [#"{"x": 1}"#])
        T.expectError(#"{"$set": {"a.$[x]": 1}}"#, code: .failedToParse,
                      message: "Found multiple array filters with the same top-level field name x",
                      filters: [#"{"x": 1}"#, #"{"x": 2}"#])
        T.expectError(#"{"$set": {"a.$[x]": 1}}"#, code: .failedToParse, filters: [#"{"x": 1, "y": 1}"#])
        T.expectError(#"{"$set": {"a.$[X]": 1}}"#, code: .badValue, filters: [#"{"X": 1}"#])
        T.expectError(#"{"$set": {"a.$[x]": 1}}"#, code: .failedToParse,
                      message: "Cannot use an expression without a top-level field name in arrayFilters", filters: ["{}"])
    }

    @Test func filterReportsTheMatchedPosition() throws {
        func index(_ filter: String, _ document: String) throws -> Int? {
            try Filter(try T.document(filter)).matchedArrayIndex(in: try T.document(document))
        }
        #expect(try index(#"{"a": 3}"#, #"{"a": [1, 3, 3]}"#) == 1)
        #expect(try index(#"{"a.b": 2}"#, #"{"a": [{"b": 1}, {"b": 2}]}"#) == 1)
        #expect(try index(#"{"a.b": 5}"#, #"{"a": [{"b": [1]}, {"b": [4, 5]}]}"#) == 1)
        #expect(try index(#"{"a": {"$elemMatch": {"n": {"$gt": 1}}}}"#, #"{"a": [{"n": 1}, {"n": 2}]}"#) == 1)
        #expect(try index(#"{"x": 1, "a": {"$gt": 5}}"#, #"{"x": 1, "a": [1, 9]}"#) == 1)
        #expect(try index(#"{"a": 1}"#, #"{"a": 1}"#) == nil)
        #expect(try index(#"{"a": [1, 2]}"#, #"{"a": [1, 2]}"#) == nil)
        #expect(try index(#"{"a": 7}"#, #"{"a": [1, 2]}"#) == nil)
        #expect(try index(#"{"$or": [{"a": 2}]}"#, #"{"a": [1, 2]}"#) == nil)
    }
}
