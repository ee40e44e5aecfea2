/// The languages this engine's text indexes speak: English (stop words and stemming) and "none"
/// (words as written). MongoDB knows a dozen more; they are refused rather than indexed differently.
public enum TextLanguage: String, Sendable {
    case english
    case none

    /// A language name as MongoDB accepts it: case-insensitive, with the ISO alias "en".
    public init?(named name: String) {
        switch name.lowercased() {
        case "english", "en": self = .english
        case "none": self = .none
        default: return nil
        }
    }

    /// English keeps the apostrophe inside words ("don't"), so its contractions can be stop words.
    public var keepsApostrophes: Bool { self == .english }

    public func isStopWord(_ word: String) -> Bool { self == .english && EnglishStopWords.contains(word) }

    public func stem(_ word: String) -> String { self == .english ? EnglishStemmer.stem(word) : word }
}
