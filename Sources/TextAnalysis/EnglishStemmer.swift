/// The Snowball English ("Porter2") stemmer, which MongoDB's text indexes use for English: "running",
/// "runs" and "run" all become "run". Works on lowercased words; letters outside a-z pass through.
/// Written from the published algorithm (snowballstem.org/algorithms/english/stemmer.html).
///
/// Every stored message is stemmed word by word, so the word is worked on as an array of Unicode scalars
/// (code points, as Snowball's own UTF-8 runtime does) against suffix tables built once: no grapheme
/// breaking and no String built per suffix test.
enum EnglishStemmer {
    typealias Word = [Unicode.Scalar]

    static func stem(_ word: String) -> String {
        var w = Word(word.unicodeScalars)
        if w.count <= 2 { return word }
        if w.first == "'" { w.removeFirst() }
        // The exception words are at most six letters long: longer words skip the lookup and its String.
        if w.count <= 6, let special = exceptions[string(w)] { return special }
        markConsonantY(&w)
        // The regions are marked once, on the whole word; later steps only test suffixes against them.
        let r1 = region1(w)
        let r2 = regionStart(w, from: r1)
        step0(&w)
        step1a(&w)
        if w.count <= 7 && invariantAfter1a.contains(string(w)) { return string(w) }
        step1b(&w, r1: r1)
        step1c(&w)
        step2(&w, r1: r1)
        step3(&w, r1: r1, r2: r2)
        step4(&w, r2: r2)
        step5(&w, r1: r1, r2: r2)
        for i in w.indices where w[i] == "Y" { w[i] = "y" }
        return string(w)
    }

    private static func string(_ w: Word) -> String {
        var scalars = String.UnicodeScalarView()
        scalars.append(contentsOf: w)
        return String(scalars)
    }

    private static let exceptions: [String: String] = [
        "skis": "ski", "skies": "sky", "dying": "die", "lying": "lie", "tying": "tie", "idly": "idl",
        "gently": "gentl", "ugly": "ugli", "early": "earli", "only": "onli", "singly": "singl",
        "sky": "sky", "news": "news", "howe": "howe", "atlas": "atlas", "cosmos": "cosmos", "bias": "bias",
        "andes": "andes",
    ]
    private static let invariantAfter1a: Set<String> = [
        "inning", "outing", "canning", "herring", "earring", "proceed", "exceed", "succeed",
    ]

    private static func isVowel(_ c: Unicode.Scalar) -> Bool {
        switch c {
        case "a", "e", "i", "o", "u", "y": true
        default: false
        }
    }

    /// A suffix rule: what to look for, and what it becomes (nil: decided by the step itself).
    private struct Rule {
        let suffix: Word
        let replacement: Word?

        init(_ suffix: String, _ replacement: String? = nil) {
            self.suffix = Word(suffix.unicodeScalars)
            self.replacement = replacement.map { Word($0.unicodeScalars) }
        }
    }

    private static func word(_ text: String) -> Word { Word(text.unicodeScalars) }

    /// An initial y, and a y after a vowel, act as consonants: written Y until the end.
    private static func markConsonantY(_ w: inout Word) {
        for i in w.indices where w[i] == "y" && (i == 0 || isVowel(w[i - 1])) { w[i] = "Y" }
    }

    private static let region1Prefixes = ["gener", "commun", "arsen"].map(word)

    /// Where R1 starts: after the first non-vowel that follows a vowel (after a few fixed prefixes).
    private static func region1(_ w: Word) -> Int {
        for prefix in region1Prefixes where w.starts(with: prefix) { return prefix.count }
        return regionStart(w, from: 0)
    }

    private static func regionStart(_ w: Word, from start: Int) -> Int {
        var i = start + 1
        while i < w.count {
            if !isVowel(w[i]) && isVowel(w[i - 1]) { return i + 1 }
            i += 1
        }
        return w.count
    }

    private static func ends(_ w: Word, _ suffix: Word) -> Bool {
        guard suffix.count <= w.count else { return false }
        var index = w.count
        for c in suffix.reversed() {
            index -= 1
            if w[index] != c { return false }
        }
        return true
    }

    /// The rule with the longest suffix of `w` among `rules`.
    private static func longest(_ w: Word, _ rules: [Rule]) -> Rule? {
        var best: Rule?
        for rule in rules where rule.suffix.count > (best?.suffix.count ?? 0) && ends(w, rule.suffix) { best = rule }
        return best
    }

    private static func replace(_ w: inout Word, _ suffix: Word, with replacement: Word) {
        w.removeLast(suffix.count)
        w.append(contentsOf: replacement)
    }

    private static func containsVowel(_ w: ArraySlice<Unicode.Scalar>) -> Bool { w.contains(where: isVowel) }

    /// A vowel followed by a non-vowel other than w, x or Y and preceded by a non-vowel; or, at the
    /// start of the word, a vowel followed by a non-vowel. `end` is one past the syllable.
    private static func endsWithShortSyllable(_ w: Word, end: Int) -> Bool {
        if end == 2 { return isVowel(w[0]) && !isVowel(w[1]) }
        guard end >= 3 else { return false }
        let (a, b, c) = (w[end - 3], w[end - 2], w[end - 1])
        return !isVowel(a) && isVowel(b) && !isVowel(c) && c != "w" && c != "x" && c != "Y"
    }

    private static func isShort(_ w: Word, r1: Int) -> Bool {
        r1 >= w.count && endsWithShortSyllable(w, end: w.count)
    }

    private static let step0Rules = [Rule("'"), Rule("'s"), Rule("'s'")]

    private static func step0(_ w: inout Word) {
        if let rule = longest(w, step0Rules) { w.removeLast(rule.suffix.count) }
    }

    private static let step1aRules = [Rule("sses", "ss"), Rule("ied"), Rule("ies"), Rule("s"), Rule("us", ""), Rule("ss", "")]

    private static func step1a(_ w: inout Word) {
        guard let rule = longest(w, step1aRules) else { return }
        if let replacement = rule.replacement {
            // "sses" becomes "ss"; "us" and "ss" stay as they are.
            if !replacement.isEmpty { replace(&w, rule.suffix, with: replacement) }
        } else if rule.suffix.count == 3 {  // "ied", "ies"
            replace(&w, rule.suffix, with: w.count > 4 ? ["i"] : ["i", "e"])
        } else if containsVowel(w[..<(w.count - 2)]) {  // "s"
            w.removeLast()
        }
    }

    private static let step1bRules = [
        Rule("eed", "ee"), Rule("eedly", "ee"), Rule("ed"), Rule("edly"), Rule("ing"), Rule("ingly"),
    ]
    private static let step1bLengthenAfter = ["at", "bl", "iz"].map(word)

    private static func step1b(_ w: inout Word, r1: Int) {
        guard let rule = longest(w, step1bRules) else { return }
        let s = rule.suffix
        if let replacement = rule.replacement {  // "eed", "eedly"
            if w.count - s.count >= r1 { replace(&w, s, with: replacement) }
            return
        }
        guard containsVowel(w[..<(w.count - s.count)]) else { return }
        w.removeLast(s.count)
        if step1bLengthenAfter.contains(where: { ends(w, $0) }) {
            w.append("e")
        } else if let last = w.last, w.count >= 2, w[w.count - 2] == last, isDoubleConsonant(last) {
            w.removeLast()
        } else if isShort(w, r1: r1) {
            w.append("e")
        }
    }

    private static func isDoubleConsonant(_ c: Unicode.Scalar) -> Bool {
        switch c {
        case "b", "d", "f", "g", "m", "n", "p", "r", "t": true
        default: false
        }
    }

    private static func isLiEnding(_ c: Unicode.Scalar) -> Bool {
        switch c {
        case "c", "d", "e", "g", "h", "k", "m", "n", "r", "t": true
        default: false
        }
    }

    private static func step1c(_ w: inout Word) {
        guard let last = w.last, last == "y" || last == "Y", w.count > 2, !isVowel(w[w.count - 2]) else { return }
        w[w.count - 1] = "i"
    }

    private static let step2Rules: [Rule] = [
        Rule("tional", "tion"), Rule("enci", "ence"), Rule("anci", "ance"), Rule("abli", "able"), Rule("entli", "ent"),
        Rule("izer", "ize"), Rule("ization", "ize"), Rule("ational", "ate"), Rule("ation", "ate"), Rule("ator", "ate"),
        Rule("alism", "al"), Rule("aliti", "al"), Rule("alli", "al"), Rule("fulness", "ful"), Rule("ousli", "ous"),
        Rule("ousness", "ous"), Rule("iveness", "ive"), Rule("iviti", "ive"), Rule("biliti", "ble"), Rule("bli", "ble"),
        Rule("ogi"), Rule("fulli", "ful"), Rule("lessli", "less"), Rule("li"),
    ]

    private static func step2(_ w: inout Word, r1: Int) {
        guard let rule = longest(w, step2Rules), w.count - rule.suffix.count >= r1 else { return }
        let before = w.count - rule.suffix.count
        if let replacement = rule.replacement {
            replace(&w, rule.suffix, with: replacement)
        } else if rule.suffix.count == 3 {  // "ogi"
            if before > 0 && w[before - 1] == "l" { replace(&w, rule.suffix, with: ["o", "g"]) }
        } else if before > 0 && isLiEnding(w[before - 1]) {  // "li"
            w.removeLast(2)
        }
    }

    private static let step3Rules: [Rule] = [
        Rule("tional", "tion"), Rule("ational", "ate"), Rule("alize", "al"), Rule("icate", "ic"), Rule("iciti", "ic"),
        Rule("ical", "ic"), Rule("ful", ""), Rule("ness", ""), Rule("ative"),
    ]

    private static func step3(_ w: inout Word, r1: Int, r2: Int) {
        guard let rule = longest(w, step3Rules), w.count - rule.suffix.count >= r1 else { return }
        guard let replacement = rule.replacement else {  // "ative", only in R2
            if w.count - rule.suffix.count >= r2 { w.removeLast(rule.suffix.count) }
            return
        }
        replace(&w, rule.suffix, with: replacement)
    }

    private static let step4Rules = [
        "al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment", "ent", "ism", "ate",
        "iti", "ous", "ive", "ize",
    ].map { Rule($0, "") } + [Rule("ion")]

    private static func step4(_ w: inout Word, r2: Int) {
        guard let rule = longest(w, step4Rules), w.count - rule.suffix.count >= r2 else { return }
        if rule.replacement == nil {  // "ion", after s or t
            let before = w.count - 3
            if before > 0 && (w[before - 1] == "s" || w[before - 1] == "t") { w.removeLast(3) }
            return
        }
        w.removeLast(rule.suffix.count)
    }

    private static func step5(_ w: inout Word, r1: Int, r2: Int) {
        guard let last = w.last else { return }
        let before = w.count - 1
        if last == "e" {
            if before >= r2 || (before >= r1 && !endsWithShortSyllable(w, end: before)) { w.removeLast() }
        } else if last == "l" {
            if before >= r2 && before > 0 && w[before - 1] == "l" { w.removeLast() }
        }
    }
}
