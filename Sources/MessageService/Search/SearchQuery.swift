import TextAnalysis

/// The `q` of a search: words that must all appear (by stem, ignoring case and diacritics), `"quoted
/// phrases"` that must appear as written (ignoring case and diacritics), and `-word` or `-"phrase"` that
/// must not. The text is split exactly as MongoDB splits a `$search` string (`SearchString`): the syntax
/// is MongoDB's, only the AND of the words is this service's own rule (MongoDB ORs them).
struct SearchQuery: Sendable, Equatable {
    static let maxScalars = 256
    static let maxTerms = 16
    /// Stemming and stop words as the text index reads messages (its default language).
    static let language = TextLanguage.english

    /// The query as given.
    let text: String
    let parts: SearchString

    init(_ text: String) throws(MessageValidationError) {
        let scalars = text.unicodeScalars
        if scalars.isEmpty { throw MessageValidationError(.q, .empty) }
        if scalars.count > Self.maxScalars { throw MessageValidationError(.q, .tooLong(maxScalars: Self.maxScalars)) }
        if scalars.contains(where: Validation.isControl) { throw MessageValidationError(.q, .controlCharacter) }
        if Validation.isBlank(text) { throw MessageValidationError(.q, .blank) }
        let parts = SearchString(text)
        let termCount = parts.words.count + parts.negatedWords.count + parts.phrases.count + parts.negatedPhrases.count
        if termCount > Self.maxTerms { throw MessageValidationError(.q, .tooManyTerms(max: Self.maxTerms)) }
        // Stop words and punctuation are not indexed: a query of nothing else could never match.
        let tokenizer = TextTokenizer(language: Self.language)
        guard (parts.words + parts.phraseWords).contains(where: { !tokenizer.terms(in: $0).isEmpty }) else {
            throw MessageValidationError(.q, .noSearchableWord)
        }
        self.text = text
        self.parts = parts
    }

    /// What the store's text index is asked for: the words and the phrases' words, no operators, so it
    /// finds every message holding any of them. `SearchMatcher` decides the rest (all words, phrases,
    /// exclusions) over what it finds, a bounded number per request, so a rare phrase of common words
    /// never has the database read a whole room in one query. Each word is one token of `q` as MongoDB
    /// splits it: it holds no white space, quote or minus, so it is only ever a search term.
    var indexSearch: String {
        (parts.words + parts.phraseWords).joined(separator: " ")
    }

}
