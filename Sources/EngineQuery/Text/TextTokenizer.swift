import Foundation

/// Splits text into the terms a text index stores, as MongoDB's text index version 3 does: words are
/// runs between delimiters (white space, dashes, quotation marks, terminal and syntax punctuation),
/// lowercased, stop words dropped, stemmed, then stripped of diacritics. Case- and diacritic-sensitive
/// searches keep what they ask for.
public struct TextTokenizer: Sendable {
    public let language: TextLanguage
    public var caseSensitive = false
    public var diacriticSensitive = false
    public var filterStopWords = true

    public init(language: TextLanguage) {
        self.language = language
    }

    public func terms(in text: String) -> [String] {
        words(in: text).compactMap(term)
    }

    /// The raw words of `text`, before any normalisation.
    func words(in text: String) -> [String] {
        var words: [String] = []
        var current = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if isDelimiter(scalar) {
                if !current.isEmpty { words.append(String(current)) }
                current = String.UnicodeScalarView()
            } else {
                current.append(scalar)
            }
        }
        if !current.isEmpty { words.append(String(current)) }
        return words
    }

    private func term(_ word: String) -> String? {
        let lowered = word.lowercased()
        // Stop words are matched lowercased but with their diacritics, as MongoDB does.
        if filterStopWords && language.isStopWord(lowered) { return nil }
        let stemmed = language.stem(caseSensitive ? word : lowered)
        return diacriticSensitive ? stemmed : Self.stripDiacritics(stemmed)
    }

    static func stripDiacritics(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { !$0.isASCII }) else { return text }
        return text.folding(options: .diacriticInsensitive, locale: nil)
    }

    /// MongoDB's delimiter classes (Unicode White_Space, Dash, Quotation_Mark,
    /// Terminal_Punctuation, Sentence_Terminal, Pattern_Syntax), less the apostrophe for English.
    private func isDelimiter(_ scalar: Unicode.Scalar) -> Bool {
        if scalar == "'" && language.keepsApostrophes { return false }
        let p = scalar.properties
        return p.isWhitespace || p.isDash || p.isQuotationMark || p.isTerminalPunctuation
            || p.isSentenceTerminal || p.isPatternSyntax || (scalar.value < 0x20)
    }
}
