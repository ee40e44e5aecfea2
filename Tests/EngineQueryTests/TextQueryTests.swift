import BSON
import Testing

@testable import EngineQuery

/// `$text` parsing and the reading of `$search` strings.
@Suite struct TextQueryTests {
    private func terms(_ search: String, _ options: Document = [:]) throws -> TextSearchTerms {
        var fields: Document = ["$search": .string(search)]
        for (key, value) in options.elements { fields.append(key, value) }
        return TextSearchTerms(try TextQuery(.document(fields)), language: .english)
    }

    @Test func wordsAreOredStemmedAndStopWordsDropped() throws {
        let t = try terms("The running dogs")
        #expect(t.indexTerms == ["run", "dog"])
        #expect(t.positiveTerms == t.indexTerms)
        #expect(t.negatedTerms.isEmpty && t.phrases.isEmpty)
    }

    @Test func phrasesAreRequiredAndTheirWordsSearched() throws {
        let t = try terms("coffee \"Ice Cream\" -tea -\"green apple\"")
        #expect(t.phrases == ["Ice Cream"])
        #expect(t.negatedPhrases == ["green apple"])
        #expect(t.indexTerms == ["coffe", "ice", "cream"])
        #expect(t.negatedTerms == ["tea"])
    }

    @Test func negationLastsUntilWhiteSpace() throws {
        #expect(try terms("-foo-bar baz").negatedTerms == ["foo", "bar"])
        #expect(try terms("-foo-bar baz").indexTerms == ["baz"])
        // A lone dash negates nothing; a dash inside a word splits it.
        #expect(try terms("- foo").indexTerms == ["foo"])
        #expect(try terms("foo-bar").indexTerms == ["foo", "bar"])
    }

    @Test func sensitiveSearchesKeepCaseAndDiacritics() throws {
        let t = try terms("Café", ["$caseSensitive": true, "$diacriticSensitive": true])
        #expect(t.indexTerms == ["cafe"])
        #expect(t.positiveTerms == ["Café"])
    }

    @Test func malformedTextIsRefusedWithMongoDBsErrors() {
        func code(_ value: BSONValue) -> Int32? {
            do { _ = try TextQuery(value); return nil } catch { return error.code }
        }
        #expect(code("x") == 2)
        #expect(code(["$language": "en"]) == 4)
        #expect(code(["$search": 1]) == 14)
        #expect(code(["$search": "x", "$language": 1]) == 14)
        #expect(code(["$search": "x", "$language": "klingon"]) == 2)
        #expect(code(["$search": "x", "$caseSensitive": 1]) == 14)
        #expect(code(["$search": "x", "$diacriticSensitive": "yes"]) == 14)
        #expect(code(["$search": "x", "$other": true]) == 2)
        #expect(code(["$search": "x", "$language": "none", "$caseSensitive": false, "$diacriticSensitive": true]) == nil)
    }

    @Test func metaTextScoreInProjectionAndSort() throws {
        let scored: Document = ["_id": 1, "a": 2, "b": 3, TextScore.field: 1.5]
        #expect(try Projection(["s": ["$meta": "textScore"]]).apply(scored).keys == ["_id", "a", "b", TextScore.field, "s"])
        #expect(try Projection(["a": 1, "s": ["$meta": "textScore"]]).apply(scored) == ["_id": 1, "a": 2, "s": 1.5])
        #expect(try TextScore.finish(scored, projection: try Projection(["b": 0, "s": ["$meta": "textScore"]]))
            == ["_id": 1, "a": 2, "s": 1.5])
        #expect(try TextScore.finish(scored, projection: nil) == ["_id": 1, "a": 2, "b": 3])
        let sort = try SortSpec(["score": ["$meta": "textScore"], "_id": 1])
        #expect(sort.usesTextScore)
        #expect(sort.compare(scored, scored.removing(TextScore.field).appending(TextScore.field, 2.5)) == 1)
        func code(_ body: () throws(EngineError) -> Void) -> Int32? {
            do { try body(); return nil } catch { return error.code }
        }
        #expect(code { () throws(EngineError) in _ = try SortSpec(["s": ["$meta": "randVal"]]) } == 31138)
        #expect(code { () throws(EngineError) in _ = try Projection(["s": ["$meta": "indexKey"]]) } == 17308)
    }

    @Test func placementFollowsMongoDBsRules() throws {
        let text: BSONValue = ["$search": "x"]
        #expect(try Filter(["$text": text, "a": 1]).text?.search == "x")
        #expect(try Filter(["$and": [["a": 1], ["$text": text]]]).text?.search == "x")
        #expect(try Filter(["a": 1]).text == nil)
        func code(_ filter: Document) -> Int32? {
            do { _ = try Filter(filter); return nil } catch { return error.code }
        }
        #expect(code(["$and": [["$text": text], ["$text": text]]]) == 2)
        #expect(code(["$nor": [["$text": text]]]) == 2)
        #expect(code(["$or": [["$text": text], ["a": 1]]]) == 291)
        #expect(code(["a": ["$elemMatch": ["$text": text]]]) == 2)
    }
}
