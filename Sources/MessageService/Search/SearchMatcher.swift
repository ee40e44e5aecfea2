import TextAnalysis

/// Decides whether a message's content matches a `SearchQuery`, and where: by the rules the text index
/// reads messages with (`TextTokenizer`: words folded for case and diacritics, stop words dropped,
/// English stems), so what it accepts is what the index can find.
///
/// A match holds every word's terms (the AND the store's `$search` lacks), none of the excluded words'
/// terms, every phrase and no excluded phrase (phrases are matched on the text, ignoring case and
/// diacritics, as MongoDB does). A run of CJK characters in a word must appear as that run: the index
/// reads each such character as a word, and the run is what was asked for.
struct SearchMatcher: Sendable {
    private let tokenizer = TextTokenizer(language: SearchQuery.language)
    private let requiredTerms: Set<String>
    /// Terms of the words and phrase words: MongoDB's index lookup finds only messages holding one.
    private let searchedTerms: Set<String>
    private let excludedTerms: Set<String>
    /// Phrases and CJK runs, each as its normalised words, and as normalised text.
    private let phrases: [(words: [String], text: String)]
    private let excludedPhrases: [String]

    init(_ query: SearchQuery) {
        let parts = query.parts
        let tokenizer = self.tokenizer
        var required: Set<String> = []
        var runs: [String] = []
        for word in parts.words {
            required.formUnion(tokenizer.terms(in: word))
            runs += Self.cjkRuns(in: word, tokenizer: tokenizer)
        }
        requiredTerms = required
        searchedTerms = required.union(parts.phraseWords.flatMap(tokenizer.terms(in:)))
        excludedTerms = Set(parts.negatedWords.flatMap(tokenizer.terms(in:)))
        phrases = (parts.phrases + runs).map { phrase in
            (tokenizer.words(in: phrase).map(Self.normalized), Self.normalized(phrase))
        }
        excludedPhrases = parts.negatedPhrases.map(Self.normalized)
    }

    func matches(_ content: String) -> Bool {
        let terms = Set(tokenizer.words(in: content).compactMap(tokenizer.term))
        guard requiredTerms.isSubset(of: terms), !searchedTerms.isDisjoint(with: terms),
              excludedTerms.isDisjoint(with: terms) else { return false }
        if phrases.isEmpty && excludedPhrases.isEmpty { return true }
        let text = Self.normalized(content)
        return phrases.allSatisfy { text.contains($0.text) } && !excludedPhrases.contains { text.contains($0) }
    }

    /// The UTF-16 ranges of the words that matched, in order: words whose term was searched for, and
    /// the words each occurrence of a phrase spans.
    func highlights(in content: String) -> [Range<Int>] {
        let tokens = tokenizer.tokens(in: content)
        var ranges: [Range<Int>] = []
        for token in tokens {
            if let term = tokenizer.term(token.word), requiredTerms.contains(term) { ranges.append(token.utf16Range) }
        }
        if !phrases.isEmpty {
            let words = tokens.map { Self.normalized($0.word) }
            for phrase in phrases where !phrase.words.isEmpty {
                for start in words.indices where Self.phrase(phrase.words, occursIn: words, at: start) {
                    ranges += tokens[start..<(start + phrase.words.count)].map(\.utf16Range)
                }
            }
        }
        return Array(Set(ranges)).sorted { ($0.lowerBound, $0.upperBound) < ($1.lowerBound, $1.upperBound) }
    }

    /// Whether the phrase's words are the text's words from `start`, as a substring match sees them:
    /// the first may end a longer word and the last begin one; a one-word phrase may lie inside a word.
    private static func phrase(_ phrase: [String], occursIn words: [String], at start: Int) -> Bool {
        let end = start + phrase.count
        guard end <= words.count else { return false }
        if phrase.count == 1 { return words[start].contains(phrase[0]) }
        return words[start].hasSuffix(phrase[0]) && words[end - 1].hasPrefix(phrase[phrase.count - 1])
            && words[(start + 1)..<(end - 1)].elementsEqual(phrase[1..<(phrase.count - 1)])
    }

    /// The runs of two or more adjacent CJK characters in `word`, as written.
    private static func cjkRuns(in word: String, tokenizer: TextTokenizer) -> [String] {
        var runs: [String] = []
        var run = ""
        var runEnd = -1
        for token in tokenizer.tokens(in: word) {
            let isCJK = token.word.unicodeScalars.count == 1 && CJKScript.contains(token.word.unicodeScalars.first!)
            if isCJK && token.utf16Range.lowerBound == runEnd {
                run += token.word
            } else {
                if run.unicodeScalars.count > 1 { runs.append(run) }
                run = isCJK ? token.word : ""
            }
            runEnd = isCJK ? token.utf16Range.upperBound : -1
        }
        if run.unicodeScalars.count > 1 { runs.append(run) }
        return runs
    }

    /// Text as phrases are compared: lowercased, without diacritics.
    private static func normalized(_ text: String) -> String {
        TextTokenizer.stripDiacritics(text.lowercased())
    }
}
