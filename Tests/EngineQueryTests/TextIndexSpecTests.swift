import BSON
import Testing

@testable import EngineQuery

/// Text index specs normalised as MongoDB stores them, their refusals, and MongoDB's term scores.
@Suite struct TextIndexSpecTests {
    @Test func requestFormIsNormalised() throws {
        let spec = try TextIndexSpec(spec: [
            "key": ["room_id": 1, "title": "text", "body": "text"], "name": "t",
            "weights": ["title": 5.9], "default_language": "none",
        ])
        #expect(spec.keyDocument == ["room_id": 1, "_fts": "text", "_ftsx": 1])
        #expect(Document(spec.options) == [
            "weights": ["body": 1, "title": 5], "default_language": "none", "language_override": "language",
            "textIndexVersion": 3,
        ])
        // The stored form reads back as the same index.
        var stored: Document = ["key": .document(spec.keyDocument), "name": "t"]
        for (key, value) in spec.options { stored.append(key, value) }
        #expect(try TextIndexSpec(spec: stored) == spec)
    }

    @Test func badSpecsAreRefused() {
        func code(_ spec: Document) -> Int32? {
            do { _ = try TextIndexSpec(spec: spec); return nil } catch { return error.code }
        }
        #expect(code(["key": ["a": "text"], "default_language": "klingon"]) == 67)
        #expect(code(["key": ["a": "text"], "default_language": 1]) == 67)
        #expect(code(["key": ["a": "text"], "weights": ["a": 0]]) == 67)
        #expect(code(["key": ["a": "text"], "weights": ["a": "high"]]) == 67)
        #expect(code(["key": ["a": "text"], "weights": 3]) == 67)
        #expect(code(["key": ["a": "text"], "language_override": "a.b"]) == 67)
        #expect(code(["key": ["a": "text", "b": 1, "c": "text"]]) == 67)
        #expect(code(["key": ["a": "text", "b": 2]]) == 67)
        #expect(code(["key": ["_fts": 1, "a": "text"]]) == 67)
        #expect(code(["key": ["a": "text"], "textIndexVersion": 1]) == 67)
    }

    @Test func scoresFollowMongoDBsFormula() throws {
        let spec = try TextIndexSpec(spec: ["key": ["title": "text", "body": "text"], "weights": ["title": 2]])
        let scores = try spec.termScores(in: ["title": "Coffee", "body": "coffee and cake, more coffee"])
        // title: one term (stemmed, so not the whole raw field): 2 × 1 × (0.5·1/1 + 0.5).
        // body: coffee twice among 3 terms: 1 × (1 + 1/2) × (0.5·2/3 + 0.5); cake once: 1 × (0.5·1/3 + 0.5).
        #expect(abs(scores["coffe"]! - (2 + 1.5 * (1.0 / 3 + 0.5))) < 1e-12)
        #expect(abs(scores["cake"]! - (1.0 / 6 + 0.5)) < 1e-12)
        #expect(scores.count == 2)
    }

    @Test func entryKeysCarryPrefixTermAndScore() throws {
        let spec = try TextIndexSpec(spec: ["key": ["room": 1, "body": "text"]])
        let keys = try spec.entryKeys(for: ["room": "r1", "body": "tea"])
        #expect(keys == [IndexKey.encode("r1") + TextIndexSpec.termKey("tea") + TextIndexSpec.scoreBytes(1.1)])
        #expect(TextIndexSpec.score(fromKey: keys[0]) == 1.1)
        #expect(throws: EngineError.self) { try spec.entryKeys(for: ["room": ["a", "b"], "body": "tea"]) }
        #expect(throws: EngineError.self) { try spec.entryKeys(for: ["body": "tea", "language": "klingon"]) }
        #expect(try spec.entryKeys(for: ["body": "the", "language": "none"]).count == 1)
        #expect(try spec.entryKeys(for: ["body": "the"]).isEmpty)
    }

    @Test func matcherChecksNegationsAndPhrases() throws {
        let spec = try TextIndexSpec(spec: ["key": ["body": "text"]])
        func matches(_ search: String, _ body: String, _ options: Document = [:]) throws -> Bool {
            var fields: Document = ["$search": .string(search)]
            for (key, value) in options.elements { fields.append(key, value) }
            return TextMatcher(spec: spec, query: try TextQuery(.document(fields))).matches(["body": .string(body)])
        }
        #expect(try matches("coffee -tea", "coffee please"))
        #expect(try !matches("coffee -tea", "coffee and TEA"))
        #expect(try matches("\"ice cream\"", "I like ICE  cream? no: Ice Cream!"))
        #expect(try !matches("\"ice cream\"", "ice and cream"))
        #expect(try !matches("coffee -\"no sugar\"", "coffee, no sugar"))
        #expect(try matches("\"creme brulee\"", "Crème Brûlée"))
        #expect(try !matches("Coffee", "coffee", ["$caseSensitive": true]))
        #expect(try matches("Coffee", "Coffee", ["$caseSensitive": true]))
        #expect(try !matches("cafe", "café", ["$diacriticSensitive": true]))
    }
}
