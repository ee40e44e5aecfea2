import Testing
@testable import MessageService

/// Reading `q`: MongoDB's `$search` syntax, and the bounds a bad query is refused by (400 naming q).
@Suite struct SearchQueryTests {
    @Test func splitsWordsPhrasesAndExclusions() throws {
        let query = try SearchQuery(#"coffee "flat white" -decaf -"instant coffee" milk"#)
        #expect(query.parts.words == ["coffee", "milk"])
        #expect(query.parts.phrases == ["flat white"])
        #expect(query.parts.negatedWords == ["decaf"])
        #expect(query.parts.negatedPhrases == ["instant coffee"])
        #expect(query.text == #"coffee "flat white" -decaf -"instant coffee" milk"#)
    }

    @Test func theIndexIsAskedForEveryPositiveWordWithoutOperators() throws {
        let query = try SearchQuery(#"coffee "flat white" -decaf -"instant coffee" milk"#)
        #expect(query.indexSearch == "coffee milk flat white")
    }

    @Test func aDashInsideAWordIsNotAnExclusion() throws {
        let query = try SearchQuery("e-mail")
        #expect(query.parts.words == ["e", "mail"])
        #expect(query.parts.negatedWords.isEmpty)
    }

    @Test(arguments: [
        ("", MessageValidationError.Reason.empty),
        ("   ", .blank),
        ("tab\there", .controlCharacter),
        (String(repeating: "a", count: 257), .tooLong(maxScalars: 256)),
        ((1...17).map { "w\($0)" }.joined(separator: " "), .tooManyTerms(max: 16)),
        ("-coffee", .noSearchableWord),
        ("the and of", .noSearchableWord),
        ("...", .noSearchableWord),
    ])
    func refuses(_ text: String, _ reason: MessageValidationError.Reason) {
        #expect(throws: MessageValidationError(.q, reason)) { try SearchQuery(text) }
    }

    @Test func acceptsTheBounds() throws {
        _ = try SearchQuery(String(repeating: "é", count: 256))
        _ = try SearchQuery((1...16).map { "w\($0)" }.joined(separator: " "))
        _ = try SearchQuery("to be \"or not\" coffee")
    }
}
