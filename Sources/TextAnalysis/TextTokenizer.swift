import Foundation

/// Splits text into the terms a text index stores, as MongoDB's text index version 3 does: words are
/// runs between delimiters (white space, dashes, quotation marks, terminal and syntax punctuation),
/// lowercased, stop words dropped, stemmed, then stripped of diacritics. Case- and diacritic-sensitive
/// searches keep what they ask for.
///
/// Unlike MongoDB, which does not segment scripts written without spaces, every Han, Hiragana, Katakana
/// and Hangul character is a word of its own (see `CJKScript`), so Chinese, Japanese and Korean text
/// can be found by any of its characters rather than only as a whole space-delimited run.
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
    public func words(in text: String) -> [String] {
        tokens(in: text).map(\.word)
    }

    /// The raw words of `text` with where each lies in it.
    public func tokens(in text: String) -> [TextToken] {
        var tokens: [TextToken] = []
        var current = String.UnicodeScalarView()
        var start = 0
        var offset = 0
        func flush() {
            if !current.isEmpty { tokens.append(TextToken(word: String(current), utf16Range: start..<offset)) }
            current = String.UnicodeScalarView()
        }
        for scalar in text.unicodeScalars {
            let width = UTF16.width(scalar)
            if isDelimiter(scalar) {
                flush()
            } else if CJKScript.contains(scalar) {
                flush()
                tokens.append(TextToken(word: String(Character(scalar)), utf16Range: offset..<(offset + width)))
            } else {
                if current.isEmpty { start = offset }
                current.append(scalar)
            }
            offset += width
        }
        flush()
        return tokens
    }

    /// The term `word` is indexed under, or nil for a stop word (when they are filtered).
    public func term(_ word: String) -> String? {
        let lowered = word.lowercased()
        // Stop words are matched lowercased but with their diacritics, as MongoDB does.
        if filterStopWords && language.isStopWord(lowered) { return nil }
        let stemmed = language.stem(caseSensitive ? word : lowered)
        return diacriticSensitive ? stemmed : Self.stripDiacritics(stemmed)
    }

    public static func stripDiacritics(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { !$0.isASCII }) else { return text }
        return text.folding(options: .diacriticInsensitive, locale: nil)
    }

    /// MongoDB's delimiter classes, less the apostrophe for English.
    private func isDelimiter(_ scalar: Unicode.Scalar) -> Bool {
        if scalar == "'" && language.keepsApostrophes { return false }
        // Most text is ASCII: a table built once spares a Unicode property lookup per character.
        if scalar.isASCII { return Self.asciiDelimiters[Int(scalar.value)] }
        return Self.hasDelimiterProperty(scalar)
    }

    private static let asciiDelimiters: [Bool] = (0..<128).map { hasDelimiterProperty(Unicode.Scalar(UInt8($0))) }

    /// Unicode White_Space, Dash, Quotation_Mark, Terminal_Punctuation, Sentence_Terminal, Pattern_Syntax,
    /// and the control characters.
    private static func hasDelimiterProperty(_ scalar: Unicode.Scalar) -> Bool {
        let p = scalar.properties
        return p.isWhitespace || p.isDash || p.isQuotationMark || p.isTerminalPunctuation
            || p.isSentenceTerminal || p.isPatternSyntax || (scalar.value < 0x20)
    }
}
