import BSON
import Testing

@testable import EngineQuery

/// `$set`, `$unset`, `$setOnInsert`, `$currentDate`: paths, field order, no-ops and `_id`.
@Suite struct UpdateSetUnsetTests {
    typealias T = UpdateTestSupport

    @Test func setReplacesInPlaceAndAppendsNewFields() {
        T.expect(#"{"$set": {"a": 5, "z": 1}}"#, on: #"{"_id": 1, "a": 1, "b": 2}"#, gives: #"{"_id": 1, "a": 5, "b": 2, "z": 1}"#)
    }

    @Test func newFieldsAreAppendedInNameOrderNotUpdateOrder() {
        T.expect(#"{"$set": {"b": 1, "a": 2}, "$inc": {"c": 1}}"#, on: #"{"_id": 1}"#, gives: #"{"_id": 1, "a": 2, "b": 1, "c": 1}"#)
    }

    @Test func dottedPathsCreateDocuments() {
        T.expect(#"{"$set": {"a.b.c": 1, "a.b.a": 2}}"#, on: #"{"_id": 1}"#, gives: #"{"_id": 1, "a": {"b": {"a": 2, "c": 1}}}"#)
        T.expect(#"{"$set": {"a.0.b": 1}}"#, on: #"{"_id": 1}"#, gives: #"{"_id": 1, "a": {"0": {"b": 1}}}"#)
    }

    @Test func numericPartsIndexArraysAndPadWithNulls() {
        T.expect(#"{"$set": {"a.1": "x"}}"#, on: #"{"a": [1, 2, 3]}"#, gives: #"{"a": [1, "x", 3]}"#)
        T.expect(#"{"$set": {"a.4": "x"}}"#, on: #"{"a": [1]}"#, gives: #"{"a": [1, null, null, null, "x"]}"#)
        T.expect(#"{"$set": {"a.10": 1, "a.2": 2}}"#, on: #"{"a": []}"#,
                 gives: #"{"a": [null, null, 2, null, null, null, null, null, null, null, 1]}"#)
        T.expect(#"{"$set": {"a.0.b": 7}}"#, on: #"{"a": [{"b": 1}, 2]}"#, gives: #"{"a": [{"b": 7}, 2]}"#)
    }

    @Test func paddingIsCapped() {
        T.expectError(#"{"$set": {"a.1500001": 1}}"#, on: #"{"a": []}"#, code: .cannotBackfillArray,
                      message: "can't backfill more than 1500000 elements")
    }

    @Test func settingInsideAScalarIsPathNotViable() {
        T.expectError(#"{"$set": {"a.x": 1}}"#, on: #"{"_id": 1, "a": 1}"#, code: .pathNotViable,
                      message: "Cannot create field 'x' in element {a: 1}")
        T.expectError(#"{"$set": {"a.x.y": 1}}"#, on: #"{"_id": 1, "a": [1, 2]}"#, code: .pathNotViable,
                      message: "Cannot create field 'x' in element {a: [ 1, 2 ]}")
    }

    @Test func sameValueLeavesTheBytesAlone() throws {
        let before = try T.document(#"{"_id": 1, "a": {"b": 1}, "c": [1, 2]}"#)
        let result = try T.apply(#"{"$set": {"a.b": 1, "c": [1, 2]}}"#, to: #"{"_id": 1, "a": {"b": 1}, "c": [1, 2]}"#)
        #expect(result == before)
    }

    @Test func setWithAnotherNumericTypeIsAChange() {
        T.expect(#"{"$set": {"a": 1.0}}"#, on: #"{"a": 1}"#, gives: #"{"a": 1.0}"#)
    }

    @Test func unsetRemovesFieldsAndNullsArrayElements() {
        T.expect(#"{"$unset": {"a": "", "b.c": 1}}"#, on: #"{"_id": 1, "a": 1, "b": {"c": 1, "d": 2}}"#, gives: #"{"_id": 1, "b": {"d": 2}}"#)
        T.expect(#"{"$unset": {"a.1": 1}}"#, on: #"{"a": [1, 2, 3]}"#, gives: #"{"a": [1, null, 3]}"#)
    }

    @Test func unsetOfMissingOrUnreachablePathsIsANoOp() {
        T.expect(#"{"$unset": {"x": 1, "a.b": 1, "c.d.e": 1}}"#, on: #"{"a": 5, "c": [1]}"#, gives: #"{"a": 5, "c": [1]}"#)
    }

    @Test func setOnInsertOnlyAppliesToInserts() {
        T.expect(#"{"$setOnInsert": {"a": 1}, "$set": {"b": 2}}"#, on: #"{"_id": 1}"#, gives: #"{"_id": 1, "b": 2}"#)
        T.expect(#"{"$setOnInsert": {"a": 1}, "$set": {"b": 2}}"#, on: #"{"_id": 1}"#, gives: #"{"_id": 1, "a": 1, "b": 2}"#, insert: true)
    }

    @Test func currentDateWritesTheContextsTime() throws {
        // Built directly: extended JSON reads {"$type": ...} as legacy binary.
        let typed: (String) -> BSONValue = { .document(Document([("$type", .string($0))])) }
        let update = Document([("$currentDate", .document(Document([("a", true), ("b", typed("timestamp")), ("c", typed("date"))])))])
        let result = try UpdateSpec(update, arrayFilters: nil)
            .apply(to: ["a": 1], matchedArrayIndex: nil, context: UpdateContext(now: T.now, isInsert: false))
        let seconds = UInt32(T.now / 1000)
        #expect(result == Document([("a", .datetime(T.now)), ("b", .timestamp(t: seconds, i: 1)), ("c", .datetime(T.now))]))
        let badType = Document([("$currentDate", .document(Document([("a", typed("string"))])))])
        #expect(throws: EngineError.self) { try UpdateSpec(badType, arrayFilters: nil) }
        T.expectError(#"{"$currentDate": {"a": 1}}"#, code: .badValue,
                      message: "int is not valid type for $currentDate. Please use a boolean ('true') or a $type expression ({$type: 'timestamp/date'}).")
    }

    @Test func idIsImmutable() {
        T.expectError(#"{"$set": {"_id": 2}}"#, on: #"{"_id": 1}"#, code: .immutableField,
                      message: "Performing an update on the path '_id' would modify the immutable field '_id'")
        T.expectError(#"{"$unset": {"_id": 1}}"#, on: #"{"_id": 1}"#, code: .immutableField)
        T.expectError(#"{"$set": {"_id.a": 2}}"#, on: #"{"_id": {"a": 1}}"#, code: .immutableField,
                      message: "Performing an update on the path '_id.a' would modify the immutable field '_id'")
        T.expect(#"{"$set": {"_id": 1, "a": 2}}"#, on: #"{"_id": 1}"#, gives: #"{"_id": 1, "a": 2}"#)
    }
}
