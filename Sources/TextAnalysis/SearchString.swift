/// A `$search` string split as MongoDB's text query scanner splits it: white space (space, LF, VT, FF,
/// CR) separates words; a quoted run is a phrase; a word or phrase right after a `-` that follows white
/// space (or starts the string) is negated, and the negation lasts until the next white space, so
/// "-foo-bar" negates both words. Words are as written: the tokenizer makes terms of them.
public struct SearchString: Sendable, Equatable {
    public private(set) var words: [String] = []
    public private(set) var negatedWords: [String] = []
    /// Complete phrases, as written between their quotes.
    public private(set) var phrases: [String] = []
    public private(set) var negatedPhrases: [String] = []
    /// The words inside phrases that are not negated (an unclosed quote's too): MongoDB searches for
    /// them as it does for plain words.
    public private(set) var phraseWords: [String] = []

    public init(_ search: String) {
        var negating = false
        var inPhrase = false
        var phraseStart: String.Index?
        for token in Self.tokens(search) {
            switch token.kind {
            case .text:
                if inPhrase && negating { continue }  // words of a negated phrase are not terms
                if negating && token.afterWhitespace { negating = false }
                if inPhrase { phraseWords.append(token.text) }
                else if negating { negatedWords.append(token.text) }
                else { words.append(token.text) }
            case .minus:
                if !inPhrase && token.afterWhitespace { negating = true }
            case .quote:
                if inPhrase, let start = phraseStart {
                    let phrase = String(search.unicodeScalars[start..<token.start])
                    if negating { negatedPhrases.append(phrase) } else { phrases.append(phrase) }
                    inPhrase = false
                } else {
                    inPhrase = true
                    if negating && token.afterWhitespace { negating = false }
                    phraseStart = search.unicodeScalars.index(after: token.start)
                }
            }
        }
    }

    private enum Kind { case text, minus, quote }

    private struct Token {
        let kind: Kind
        let text: String
        let start: String.Index
        let afterWhitespace: Bool
    }

    /// `-` and `"` stand alone; anything else runs together as text up to white space, `-` or `"`.
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
