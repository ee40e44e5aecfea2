import Testing

@testable import TextAnalysis

@Suite struct TextTokenizerTests {
    private let english = TextTokenizer(language: .english)

    @Test func splitsOnWhiteSpaceAndPunctuationButNotApostrophesInEnglish() {
        #expect(english.words(in: "Hello, world! it's  a fine-day\t(really)") ==
            ["Hello", "world", "it's", "a", "fine", "day", "really"])
        #expect(TextTokenizer(language: .none).words(in: "it's") == ["it", "s"])
        #expect(english.words(in: "snake_case stays") == ["snake_case", "stays"])
        #expect(english.words(in: "  ...  ").isEmpty)
    }

    @Test func termsAreLowercasedStemmedAndWithoutStopWords() {
        #expect(english.terms(in: "The Runners were RUNNING to the shops") == ["runner", "run", "shop"])
        #expect(TextTokenizer(language: .none).terms(in: "The Runners") == ["the", "runners"])
    }

    @Test func diacriticsAreStrippedAfterStemming() {
        #expect(english.terms(in: "Café crème brûlée") == ["cafe", "creme", "brulee"])
        var sensitive = english
        sensitive.diacriticSensitive = true
        #expect(sensitive.terms(in: "Café") == ["café"])
    }

    @Test func caseSensitiveTermsKeepTheirCase() {
        var sensitive = english
        sensitive.caseSensitive = true
        #expect(sensitive.terms(in: "Coffee THE coffee") == ["Coffe", "coffe"])
    }
}
