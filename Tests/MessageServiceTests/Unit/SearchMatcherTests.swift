import Testing
@testable import MessageService

/// What a query matches and what it highlights, by the text index's own rules.
@Suite struct SearchMatcherTests {
    private func matcher(_ q: String) throws -> SearchMatcher { SearchMatcher(try SearchQuery(q)) }

    @Test func everyWordMustAppearByItsStem() throws {
        let m = try matcher("running shoes")
        #expect(m.matches("she runs in new shoes"))
        #expect(!m.matches("she runs barefoot"))
        #expect(!m.matches("she ran in new shoes"))
    }

    @Test func caseAndDiacriticsDoNotMatter() throws {
        #expect(try matcher("CAFÉ").matches("a cafe on the corner"))
        #expect(try matcher("cafe").matches("Café Crème"))
        #expect(try matcher("\"cafe creme\"").matches("at the CAFÉ CRÈME"))
    }

    @Test func phrasesMustAppearAndExclusionsMustNot() throws {
        #expect(try matcher("\"quick brown\"").matches("the quick brown fox"))
        #expect(!(try matcher("\"quick brown\"").matches("brown and quick")))
        #expect(try matcher("quick brown").matches("brown and quick"))
        #expect(!(try matcher("quick -fox").matches("the quick brown fox")))
        #expect(!(try matcher("quick -\"brown fox\"").matches("the quick brown fox")))
        #expect(try matcher("quick -\"brown fox\"").matches("quick, brown, and a fox"))
    }

    @Test func cjkRunsMatchAsRuns() throws {
        let tokyo = try matcher("東京")
        #expect(tokyo.matches("東京タワーに行きました"))
        #expect(!tokyo.matches("京都の東にある寺"))
        #expect(try matcher("東").matches("京都の東にある寺"))
        #expect(try matcher("서울").matches("서울에서 만나요"))
    }

    @Test func highlightsAreUTF16RangesOfTheMatchedWords() throws {
        #expect(try matcher("running").highlights(in: "The runners were running late, she runs") == [17..<24, 35..<39])
        // The emoji before "snacks" is two UTF-16 code units.
        #expect(try matcher("snacks").highlights(in: "Party tonight 🎉 bring snacks 🍕") == [23..<29])
        #expect(try matcher("🍕").highlights(in: "Party tonight 🎉 bring snacks 🍕") == [30..<32])
        #expect(try matcher("\"brown fox\"").highlights(in: "the quick brown fox") == [10..<15, 16..<19])
        #expect(try matcher("東京").highlights(in: "東京タワー") == [0..<1, 1..<2])
        #expect(try matcher("cafe").highlights(in: "Café") == [0..<4])
        #expect(try matcher("coffee -tea").highlights(in: "coffee, not tea") == [0..<6])
    }
}
