/// What a `$search` string asks for, read in one language as MongoDB reads it: words are ORed;
/// a quoted phrase must appear (and its words count as search terms); a word or phrase right after a
/// `-` must not appear. Stop words are dropped and words stemmed like the indexed text.
public struct TextSearchTerms: Sendable, Equatable {
    /// Terms as the index stores them (lowercased, diacritics stripped): what the lookup reads.
    public private(set) var indexTerms: Set<String> = []
    /// Terms a document must hold one of, in the query's case and diacritic sensitivity.
    public private(set) var positiveTerms: Set<String> = []
    public private(set) var negatedTerms: Set<String> = []
    public private(set) var phrases: [String] = []
    public private(set) var negatedPhrases: [String] = []

    public init(_ query: TextQuery, language: TextLanguage) {
        var positive: [String] = []
        var negative: [String] = []
        var negating = false
        var inPhrase = false
        var phraseStart: String.Index?
        for token in Self.tokens(query.search) {
            switch token.kind {
            case .text:
                if inPhrase && negating { continue }  // words of a negated phrase are not terms
                // A negation lasts until the next white space: "-foo-bar" negates both words.
                if negating && token.afterWhitespace { negating = false }
                if negating { negative.append(token.text) } else { positive.append(token.text) }
            case .minus:
                if !inPhrase && token.afterWhitespace { negating = true }
            case .quote:
                if inPhrase, let start = phraseStart {
                    let phrase = String(query.search.unicodeScalars[start..<token.start])
                    if negating { negatedPhrases.append(phrase) } else { phrases.append(phrase) }
                    inPhrase = false
                } else {
                    inPhrase = true
                    if negating && token.afterWhitespace { negating = false }
                    phraseStart = query.search.unicodeScalars.index(after: token.start)
                }
            }
        }
        let plain = TextTokenizer(language: language)
        var exact = plain
        exact.caseSensitive = query.caseSensitive
        exact.diacriticSensitive = query.diacriticSensitive
        for word in positive {
            indexTerms.formUnion(plain.terms(in: word))
            positiveTerms.formUnion(exact.terms(in: word))
        }
        for word in negative { negatedTerms.formUnion(exact.terms(in: word)) }
    }

    private enum Kind { case text, minus, quote }

    private struct Token {
        let kind: Kind
        let text: String
        let start: String.Index
        let afterWhitespace: Bool
    }

    /// MongoDB's query scanner: white space is space, LF, VT, FF and CR; `-` and `"` stand alone;
    /// anything else runs together as text.
    private static func tokens(_ search: String) -> [Token] {
        let scalars = search.unicodeScalars
        func isSpace(_ s: Unicode.Scalar) -> Bool { s == " " || ("\n"..."\r").contains(s) }
        var tokens: [Token] = []
        var index = scalars.startIndex
        var afterWhitespace = true
        while index < scalars.endIndex, isSpace(scalars[index]) { index = scalars.index(after: index) }
        while index < scalars.endIndex {
            let start = index
            let scalar = scalars[index]
            index = scalars.index(after: index)
            let kind: Kind = scalar == "-" ? .minus : scalar == "\"" ? .quote : .text
            if kind == .text {
                while index < scalars.endIndex, !isSpace(scalars[index]), scalars[index] != "-", scalars[index] != "\"" {
                    index = scalars.index(after: index)
                }
            }
            tokens.append(Token(kind: kind, text: String(scalars[start..<index]), start: start, afterWhitespace: afterWhitespace))
            let before = index
            while index < scalars.endIndex, isSpace(scalars[index]) { index = scalars.index(after: index) }
            afterWhitespace = index > before
        }
        return tokens
    }
}
