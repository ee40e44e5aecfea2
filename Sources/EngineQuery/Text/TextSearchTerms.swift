import TextAnalysis

/// What a `$search` string asks for, read in one language as MongoDB reads it (`SearchString`): words
/// are ORed; a quoted phrase must appear (and its words count as search terms); a word or phrase right
/// after a `-` must not appear. Stop words are dropped and words stemmed like the indexed text.
public struct TextSearchTerms: Sendable, Equatable {
    /// Terms as the index stores them (lowercased, diacritics stripped): what the lookup reads.
    public private(set) var indexTerms: Set<String> = []
    /// Terms a document must hold one of, in the query's case and diacritic sensitivity.
    public private(set) var positiveTerms: Set<String> = []
    public private(set) var negatedTerms: Set<String> = []
    public private(set) var phrases: [String] = []
    public private(set) var negatedPhrases: [String] = []

    public init(_ query: TextQuery, language: TextLanguage) {
        let search = SearchString(query.search)
        phrases = search.phrases
        negatedPhrases = search.negatedPhrases
        let plain = TextTokenizer(language: language)
        var exact = plain
        exact.caseSensitive = query.caseSensitive
        exact.diacriticSensitive = query.diacriticSensitive
        for word in search.words + search.phraseWords {
            indexTerms.formUnion(plain.terms(in: word))
            positiveTerms.formUnion(exact.terms(in: word))
        }
        for word in search.negatedWords { negatedTerms.formUnion(exact.terms(in: word)) }
    }
}
