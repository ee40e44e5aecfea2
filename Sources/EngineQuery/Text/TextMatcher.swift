import BSON
import Foundation
import TextAnalysis

/// Decides whether a document the index lookup found satisfies the whole `$text` query: the lookup
/// only knows it holds one of the index terms. Checks, in the index's fields, the positive terms when
/// case or diacritics matter, the negated terms, and the phrases (matched as substrings of a field,
/// ignoring case and diacritics unless asked not to).
public struct TextMatcher: Sendable {
    public let spec: TextIndexSpec
    public let query: TextQuery
    public let terms: TextSearchTerms

    public init(spec: TextIndexSpec, query: TextQuery) {
        self.spec = spec
        self.query = query
        terms = TextSearchTerms(query, language: query.language ?? spec.defaultLanguage)
    }

    public func matches(_ document: Document) -> Bool {
        // A document whose language field is invalid could not have been stored with this index.
        guard let strings = try? spec.indexedStrings(in: document) else { return false }
        let sensitive = query.caseSensitive || query.diacriticSensitive
        if sensitive || !terms.negatedTerms.isEmpty {
            var hasPositive = !sensitive
            for string in strings {
                var tokenizer = TextTokenizer(language: string.language)
                tokenizer.caseSensitive = query.caseSensitive
                tokenizer.diacriticSensitive = query.diacriticSensitive
                tokenizer.filterStopWords = false
                for term in tokenizer.terms(in: string.text) {
                    if terms.negatedTerms.contains(term) { return false }
                    if terms.positiveTerms.contains(term) { hasPositive = true }
                }
            }
            if !hasPositive { return false }
        }
        let texts = strings.map { normalized($0.text) }
        for phrase in terms.phrases where !texts.contains(where: { $0.contains(normalized(phrase)) }) { return false }
        for phrase in terms.negatedPhrases where texts.contains(where: { $0.contains(normalized(phrase)) }) { return false }
        return true
    }

    private func normalized(_ text: String) -> String {
        var out = query.caseSensitive ? text : text.lowercased()
        if !query.diacriticSensitive { out = TextTokenizer.stripDiacritics(out) }
        return out
    }
}
