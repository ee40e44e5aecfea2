import Testing
@testable import TextAnalysis

/// Chinese, Japanese and Korean text: each character is a word, so text without spaces is searchable
/// by any of its characters; word ranges are in UTF-16 code units.
@Suite struct TextTokenizerCJKTests {
    private let english = TextTokenizer(language: .english)

    @Test func eachHanKanaAndHangulCharacterIsAWord() {
        #expect(english.words(in: "東京タワーに行きました") == ["東", "京", "タ", "ワ", "ー", "に", "行", "き", "ま", "し", "た"])
        #expect(english.terms(in: "我爱北京") == ["我", "爱", "北", "京"])
        #expect(english.words(in: "서울에서 만나요") == ["서", "울", "에", "서", "만", "나", "요"])
        #expect(english.terms(in: "Tokyo東京2024") == ["tokyo", "東", "京", "2024"])
    }

    @Test func cjkPunctuationSeparatesWords() {
        #expect(english.words(in: "你好。再见！") == ["你", "好", "再", "见"])
    }

    @Test func tokensCarryUTF16Ranges() {
        let tokens = english.tokens(in: "🎉 café 東京 𠀋x")
        #expect(tokens.map(\.word) == ["🎉", "café", "東", "京", "𠀋", "x"])
        #expect(tokens.map(\.utf16Range) == [0..<2, 3..<7, 8..<9, 9..<10, 11..<13, 13..<14])
    }

    @Test func otherScriptsAreUnchanged() {
        #expect(english.words(in: "Привет мир, γειά σου") == ["Привет", "мир", "γειά", "σου"])
        #expect(english.terms(in: "Ünïcödé") == ["unicode"])
    }
}
