/// The Snowball English ("Porter2") stemmer, which MongoDB's text indexes use for English: "running",
/// "runs" and "run" all become "run". Works on lowercased words; letters outside a-z pass through.
/// Written from the published algorithm (snowballstem.org/algorithms/english/stemmer.html).
enum EnglishStemmer {
    static func stem(_ word: String) -> String {
        var w = Array(word)
        if w.count <= 2 { return word }
        if w.first == "'" { w.removeFirst() }
        if let special = exceptions[String(w)] { return special }
        markConsonantY(&w)
        // The regions are marked once, on the whole word; later steps only test suffixes against them.
        let r1 = region1(w)
        let r2 = region2(w, r1: r1)
        step0(&w)
        step1a(&w)
        if invariantAfter1a.contains(String(w)) { return String(w) }
        step1b(&w, r1: r1)
        step1c(&w)
        step2(&w, r1: r1)
        step3(&w, r1: r1, r2: r2)
        step4(&w, r2: r2)
        step5(&w, r1: r1, r2: r2)
        return String(w.map { $0 == "Y" ? "y" : $0 })
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

    private static func isVowel(_ c: Character) -> Bool { "aeiouy".contains(c) }

    /// An initial y, and a y after a vowel, act as consonants: written Y until the end.
    private static func markConsonantY(_ w: inout [Character]) {
        for i in w.indices where w[i] == "y" && (i == 0 || isVowel(w[i - 1])) { w[i] = "Y" }
    }

    /// Where R1 starts: after the first non-vowel that follows a vowel (after a few fixed prefixes).
    private static func region1(_ w: [Character]) -> Int {
        let text = String(w)
        for prefix in ["gener", "commun", "arsen"] where text.hasPrefix(prefix) { return prefix.count }
        return regionStart(w, from: 0)
    }

    private static func region2(_ w: [Character], r1: Int) -> Int { regionStart(w, from: r1) }

    private static func regionStart(_ w: [Character], from start: Int) -> Int {
        var i = start + 1
        while i < w.count {
            if !isVowel(w[i]) && isVowel(w[i - 1]) { return i + 1 }
            i += 1
        }
        return w.count
    }

    private static func ends(_ w: [Character], _ suffix: String) -> Bool {
        var index = w.count
        for c in suffix.reversed() {
            index -= 1
            if index < 0 || w[index] != c { return false }
        }
        return true
    }

    /// The longest suffix of `w` among `suffixes` (every word is stemmed at insert: no allocations here).
    private static func longest(_ w: [Character], _ suffixes: [String]) -> String? {
        var best: String?
        for suffix in suffixes where suffix.count > (best?.count ?? 0) && ends(w, suffix) { best = suffix }
        return best
    }

    private static func replace(_ w: inout [Character], _ suffix: String, with replacement: String) {
        w.removeLast(suffix.count)
        w.append(contentsOf: replacement)
    }

    private static func containsVowel(_ w: ArraySlice<Character>) -> Bool { w.contains(where: isVowel) }

    /// A vowel followed by a non-vowel other than w, x or Y and preceded by a non-vowel; or, at the
    /// start of the word, a vowel followed by a non-vowel. `end` is one past the syllable.
    private static func endsWithShortSyllable(_ w: [Character], end: Int) -> Bool {
        if end == 2 { return isVowel(w[0]) && !isVowel(w[1]) }
        guard end >= 3 else { return false }
        let (a, b, c) = (w[end - 3], w[end - 2], w[end - 1])
        return !isVowel(a) && isVowel(b) && !isVowel(c) && c != "w" && c != "x" && c != "Y"
    }

    private static func isShort(_ w: [Character], r1: Int) -> Bool {
        r1 >= w.count && endsWithShortSyllable(w, end: w.count)
    }

    private static func step0(_ w: inout [Character]) {
        if let s = longest(w, ["'", "'s", "'s'"]) { w.removeLast(s.count) }
    }

    private static func step1a(_ w: inout [Character]) {
        guard let s = longest(w, ["sses", "ied", "ies", "s", "us", "ss"]) else { return }
        switch s {
        case "sses": replace(&w, s, with: "ss")
        case "ied", "ies": replace(&w, s, with: w.count > 4 ? "i" : "ie")
        case "s":
            if containsVowel(w[..<(w.count - 2)]) { w.removeLast() }
        default: break
        }
    }

    private static func step1b(_ w: inout [Character], r1: Int) {
        guard let s = longest(w, ["eed", "eedly", "ed", "edly", "ing", "ingly"]) else { return }
        if s == "eed" || s == "eedly" {
            if w.count - s.count >= r1 { replace(&w, s, with: "ee") }
            return
        }
        guard containsVowel(w[..<(w.count - s.count)]) else { return }
        w.removeLast(s.count)
        if ends(w, "at") || ends(w, "bl") || ends(w, "iz") {
            w.append("e")
        } else if let last = w.last, w.count >= 2, w[w.count - 2] == last, "bdfgmnprt".contains(last) {
            w.removeLast()
        } else if isShort(w, r1: r1) {
            w.append("e")
        }
    }

    private static func step1c(_ w: inout [Character]) {
        guard let last = w.last, last == "y" || last == "Y", w.count > 2, !isVowel(w[w.count - 2]) else { return }
        w[w.count - 1] = "i"
    }

    private static let step2Rules: [(String, String)] = [
        ("tional", "tion"), ("enci", "ence"), ("anci", "ance"), ("abli", "able"), ("entli", "ent"),
        ("izer", "ize"), ("ization", "ize"), ("ational", "ate"), ("ation", "ate"), ("ator", "ate"),
        ("alism", "al"), ("aliti", "al"), ("alli", "al"), ("fulness", "ful"), ("ousli", "ous"),
        ("ousness", "ous"), ("iveness", "ive"), ("iviti", "ive"), ("biliti", "ble"), ("bli", "ble"),
        ("ogi", "og"), ("fulli", "ful"), ("lessli", "less"), ("li", ""),
    ]

    private static let step2Suffixes = step2Rules.map(\.0)

    private static func step2(_ w: inout [Character], r1: Int) {
        guard let s = longest(w, step2Suffixes), w.count - s.count >= r1 else { return }
        let before = w.count - s.count
        switch s {
        case "ogi": if before > 0 && w[before - 1] == "l" { replace(&w, s, with: "og") }
        case "li": if before > 0 && "cdeghkmnrt".contains(w[before - 1]) { w.removeLast(2) }
        default: replace(&w, s, with: step2Rules.first { $0.0 == s }!.1)
        }
    }

    private static let step3Rules: [(String, String)] = [
        ("tional", "tion"), ("ational", "ate"), ("alize", "al"), ("icate", "ic"), ("iciti", "ic"),
        ("ical", "ic"), ("ful", ""), ("ness", ""), ("ative", ""),
    ]

    private static let step3Suffixes = step3Rules.map(\.0)

    private static func step3(_ w: inout [Character], r1: Int, r2: Int) {
        guard let s = longest(w, step3Suffixes), w.count - s.count >= r1 else { return }
        if s == "ative" {
            if w.count - s.count >= r2 { w.removeLast(s.count) }
            return
        }
        replace(&w, s, with: step3Rules.first { $0.0 == s }!.1)
    }

    private static let step4Suffixes = [
        "al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment", "ent", "ism", "ate",
        "iti", "ous", "ive", "ize", "ion",
    ]

    private static func step4(_ w: inout [Character], r2: Int) {
        guard let s = longest(w, step4Suffixes), w.count - s.count >= r2 else { return }
        if s == "ion" {
            let before = w.count - 3
            if before > 0 && (w[before - 1] == "s" || w[before - 1] == "t") { w.removeLast(3) }
            return
        }
        w.removeLast(s.count)
    }

    private static func step5(_ w: inout [Character], r1: Int, r2: Int) {
        guard let last = w.last else { return }
        let before = w.count - 1
        if last == "e" {
            if before >= r2 || (before >= r1 && !endsWithShortSyllable(w, end: before)) { w.removeLast() }
        } else if last == "l" {
            if before >= r2 && before > 0 && w[before - 1] == "l" { w.removeLast() }
        }
    }
}
