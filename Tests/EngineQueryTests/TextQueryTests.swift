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
