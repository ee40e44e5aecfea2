import Testing

@testable import TextAnalysis

/// The Snowball English stemmer against words from its published sample vocabulary, and the
/// language rules around it (stop words before stemming, "none" leaves words alone).
@Suite struct TextStemmerTests {
    @Test(arguments: [
        ("running", "run"), ("runs", "run"), ("run", "run"), ("hopping", "hop"), ("hoping", "hope"),
        ("caresses", "caress"), ("ponies", "poni"), ("ties", "tie"), ("cries", "cri"), ("gas", "gas"),
        ("gaps", "gap"), ("kiwis", "kiwi"), ("agreed", "agre"), ("feed", "feed"), ("plastered", "plaster"),
        ("motoring", "motor"), ("filing", "file"), ("failing", "fail"), ("happiness", "happi"),
        ("relational", "relat"), ("conditional", "condit"), ("national", "nation"), ("generously", "generous"),
        ("communication", "communic"), ("consign", "consign"), ("consigned", "consign"),
        ("consignment", "consign"), ("consistency", "consist"), ("consistently", "consist"),
        ("consolation", "consol"), ("consolatory", "consolatori"), ("consolidated", "consolid"),
        ("conspiracy", "conspiraci"), ("conspirators", "conspir"), ("constable", "constabl"),
        ("skies", "sky"), ("dying", "die"), ("news", "news"), ("cafe", "cafe"), ("by", "by"), ("say", "say"),
        ("cry", "cri"), ("youth", "youth"), ("coffee", "coffe"),
    ])
    func stemsLikeSnowball(word: String, stem: String) {
        #expect(EnglishStemmer.stem(word) == stem)
    }

    @Test func stemsTheSnowballSampleVocabulary() {
        let pairs = SnowballSamples.english.split(separator: "\n").map { $0.split(separator: " ").map(String.init) }
        let wrong = pairs.filter { EnglishStemmer.stem($0[0]) != $0[1] }
            .map { "\($0[0]) -> \(EnglishStemmer.stem($0[0])), expected \($0[1])" }
        #expect(pairs.count > 800)
        #expect(wrong.isEmpty, "\(wrong.count) wrong: \(wrong.prefix(20).joined(separator: "; "))")
    }

    @Test func languagesStemOnlyInEnglish() {
        #expect(TextLanguage.english.stem("running") == "run")
        #expect(TextLanguage.none.stem("running") == "running")
        #expect(TextLanguage.english.isStopWord("the"))
        #expect(TextLanguage.english.isStopWord("don't"))
        #expect(!TextLanguage.none.isStopWord("the"))
        #expect(TextLanguage(named: "EN") == .english)
        #expect(TextLanguage(named: "None") == TextLanguage.none)
        #expect(TextLanguage(named: "french") == nil)
    }
}
