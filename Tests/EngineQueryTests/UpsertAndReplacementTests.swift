import BSON
import Testing

@testable import EngineQuery

/// Replacement updates and the documents upserts insert.
@Suite struct UpsertAndReplacementTests {
    typealias T = UpdateTestSupport

    private func upsert(_ update: String, query: String) throws -> Document {
        try UpdateSpec(try T.document(update), arrayFilters: nil)
            .upsertDocument(query: try T.document(query), context: UpdateContext(now: T.now, isInsert: false))
    }

    @Test func replacementKeepsTheOriginalIdFirst() throws {
        #expect(try UpdateSpec(try T.document(#"{"b": 1}"#), arrayFilters: nil).isReplacement)
        T.expect(#"{"b": 1, "c": 2}"#, on: #"{"_id": 7, "a": 1}"#, gives: #"{"_id": 7, "b": 1, "c": 2}"#)
        T.expect(#"{"b": 1, "_id": 7}"#, on: #"{"_id": 7, "a": 1}"#, gives: #"{"_id": 7, "b": 1}"#)
        T.expect("{}", on: #"{"_id": 7, "a": 1}"#, gives: #"{"_id": 7}"#)
    }

    @Test func replacementCannotChangeTheIdOrHoldOperators() {
        T.expectError(#"{"_id": 8}"#, on: #"{"_id": 7}"#, code: .immutableField,
                      message: "After applying the update, the (immutable) field '_id' was found to have been altered to _id: 8")
        T.expectError(#"{"a": 1, "$set": {"b": 1}}"#, code: .storageDollarPrefixedFieldName)
        // As in mongod, a replacement's arrayFilters are checked but otherwise play no part.
        T.expectError(#"{"a": 1}"#, code: .failedToParse, filters: [#"{"x": 1}"#, #"{"x": 2}"#])
        T.expect(#"{"a": 1}"#, on: #"{"_id": 1}"#, gives: #"{"_id": 1, "a": 1}"#, filters: [#"{"x": 1}"#])
    }

    @Test func upsertSeedsFromQueryEqualitiesThenApplies() throws {
        let document = try upsert(#"{"$set": {"c": 1}, "$setOnInsert": {"d": 2}}"#,
                                  query: #"{"b": 5, "_id": 3, "a.x": {"$eq": 4}, "n": {"$gt": 1}, "$and": [{"e": 6}]}"#)
        #expect(document == (try T.document(#"{"_id": 3, "a": {"x": 4}, "b": 5, "e": 6, "c": 1, "d": 2}"#)))
    }

    @Test func upsertIgnoresOrAndAppliesOperatorsToSeededFields() throws {
        #expect(try upsert(#"{"$inc": {"a": 1}}"#, query: #"{"a": 1, "$or": [{"b": 1}, {"c": 2}]}"#) == (try T.document(#"{"a": 2}"#)))
        #expect(try upsert(#"{"$push": {"a": 1}}"#, query: #"{"x": {"$in": [1, 2]}}"#) == (try T.document(#"{"a": [1]}"#)))
        // mongod simplifies one-clause $or and one-value $in to equalities before extracting them.
        #expect(try upsert(#"{"$set": {"c": 1}}"#, query: #"{"$or": [{"a": 1}], "b": {"$in": [2]}}"#)
                == (try T.document(#"{"a": 1, "b": 2, "c": 1}"#)))
    }

    @Test func upsertRefusesAmbiguousQueries() throws {
        #expect(throws: EngineError.self) { try upsert(#"{"$set": {"c": 1}}"#, query: #"{"a": 1, "a.b": 2}"#) }
        do {
            _ = try upsert(#"{"$set": {"c": 1}}"#, query: #"{"$and": [{"a": 1}, {"a": 2}]}"#)
            Issue.record("a path matched twice was accepted")
        } catch let error as EngineError {
            #expect(error.code == MongoErrorCode.notSingleValueField.rawValue)
            #expect(error.message == "cannot infer query fields to set, path 'a' is matched twice")
        }
    }

    @Test func upsertCannotChangeTheQueriedId() {
        #expect(throws: EngineError(.immutableField, "Performing an update on the path '_id' would modify the immutable field '_id'")) {
            try upsert(#"{"$set": {"_id": 2}}"#, query: #"{"_id": 1}"#)
        }
    }

    @Test func replacementUpsertTakesOnlyTheQueriedId() throws {
        #expect(try upsert(#"{"b": 1}"#, query: #"{"_id": 4, "a": 1}"#) == (try T.document(#"{"_id": 4, "b": 1}"#)))
        #expect(try upsert(#"{"b": 1, "_id": 4}"#, query: #"{"a": 1}"#) == (try T.document(#"{"_id": 4, "b": 1}"#)))
        #expect(throws: EngineError.self) { try upsert(#"{"b": 1}"#, query: #"{"_id.x": 1}"#) }
    }
}
