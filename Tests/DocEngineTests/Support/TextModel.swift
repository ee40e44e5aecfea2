import BSON
import Foundation

/// The model: surface words map to their family's stem (or to nothing, for stop words); a field's
/// strings are split on spaces.
enum TextModel {
    static let families: [(stem: String, forms: [String])] = [
        ("river", ["river", "rivers", "River", "RIVERS"]),
        ("stone", ["stone", "stones", "Stone"]),
        ("run", ["run", "runs", "running", "Running"]),
        ("cafe", ["cafe", "café", "Café", "cafés", "CAFE"]),
        ("tiger", ["tiger", "tigers", "Tiger"]),
        ("lamp", ["lamp", "lamps", "LAMP"]),
    ]
    static let stopWords = ["the", "and", "of", "was", "The"]
    static let stems: [String: String] = Dictionary(
        uniqueKeysWithValues: families.flatMap { family in family.forms.map { ($0, family.stem) } })
    static let words = families.flatMap(\.forms) + stopWords
    static let weights = ["title": 3.0, "body": 1.0]

    static func sentence(_ count: ClosedRange<Int>, random: inout SeededGenerator) -> String {
        (0..<Int.random(in: count, using: &random)).map { _ in words.randomElement(using: &random)! }
            .joined(separator: " ")
    }

    static func document(id: Int, random: inout SeededGenerator) -> Document {
        var document: Document = ["_id": .int32(Int32(id)), "room": .int32(Int32.random(in: 1...2, using: &random)),
                                  "title": .string(sentence(1...3, random: &random))]
        if Bool.random(using: &random) {
            document.append("body", .string(sentence(0...8, random: &random)))
        } else {
            document.append("body", .array([.string(sentence(1...4, random: &random)), .string(sentence(1...4, random: &random))]))
        }
        return document
    }

    static func strings(_ document: Document) -> [(field: String, text: String)] {
        var out: [(String, String)] = []
        for field in ["body", "title"] {
            switch document[field] {
            case .string(let text)?: out.append((field, text))
            case .array(let items)?: out += items.compactMap { $0.stringValue.map { (field, $0) } }
            default: break
            }
        }
        return out
    }

    /// A `$search` string: a few words, maybe a negated word, maybe a (negated) phrase from a stored string.
    static func search(from documents: [Document], random: inout SeededGenerator) -> String {
        var parts = (0..<Int.random(in: 0...2, using: &random)).map { _ in words.randomElement(using: &random)! }
        if Int.random(in: 0..<3, using: &random) == 0 { parts.append("-" + words.randomElement(using: &random)!) }
        let texts = documents.flatMap(strings).map(\.text).map { $0.split(separator: " ").map(String.init) }
            .filter { $0.count >= 2 }
        if let words = texts.randomElement(using: &random), Int.random(in: 0..<3, using: &random) == 0 {
            let start = Int.random(in: 0..<(words.count - 1), using: &random)
            let phrase = "\"" + words[start...(start + 1)].joined(separator: " ") + "\""
            parts.append(Int.random(in: 0..<4, using: &random) == 0 ? "-" + phrase : phrase)
        }
        if parts.isEmpty { parts.append(words.randomElement(using: &random)!) }
        return parts.shuffled(using: &random).joined(separator: " ")
    }

    private static func fold(_ text: String) -> String {
        text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
    }

    /// Matching documents of `room` and their scores.
    static func results(_ search: String, room: Int32, in documents: [Document]) -> [Int64: Double] {
        var positive: Set<String> = []
        var negative: Set<String> = []
        var phrases: [String] = []
        var negatedPhrases: [String] = []
        // The generated searches are words, "-word", "\"two words\"" and "-\"two words\"", space-separated.
        var rest = Substring(search)
        while !rest.isEmpty {
            let negated = rest.hasPrefix("-")
            if negated { rest = rest.dropFirst() }
            if rest.hasPrefix("\"") {
                let body = rest.dropFirst().prefix { $0 != "\"" }
                rest = rest.dropFirst(body.count + 2)
                if negated { negatedPhrases.append(String(body)) } else {
                    phrases.append(String(body))
                    positive.formUnion(body.split(separator: " ").compactMap { stems[String($0)] })
                }
            } else {
                let word = String(rest.prefix { $0 != " " })
                rest = rest.dropFirst(word.count)
                if let stem = stems[word] { if negated { negative.insert(stem) } else { positive.insert(stem) } }
            }
            rest = rest.drop { $0 == " " }
        }
        var results: [Int64: Double] = [:]
        for document in documents where document["room"] == .int32(room) {
            let fields = strings(document)
            var scores: [String: Double] = [:]
            for (field, text) in fields {
                let terms = text.split(separator: " ").compactMap { stems[String($0)] }
                for stem in Set(terms) {
                    let count = terms.filter { $0 == stem }.count
                    let frequency = (0..<count).reduce(0.0) { sum, k in sum + 1 / Double(1 << k) }
                    let coefficient = 0.5 * Double(count) / Double(terms.count) + 0.5
                    let whole = text.lowercased() == stem ? 1.1 : 1
                    scores[stem, default: 0] += weights[field]! * frequency * coefficient * whole
                }
            }
            let texts = fields.map { fold($0.text) }
            guard !positive.isDisjoint(with: scores.keys), negative.isDisjoint(with: scores.keys),
                  phrases.allSatisfy({ p in texts.contains { $0.contains(fold(p)) } }),
                  !negatedPhrases.contains(where: { p in texts.contains { $0.contains(fold(p)) } })
            else { continue }
            results[document["_id"]!.integerValue!] = positive.reduce(0) { $0 + (scores[$1] ?? 0) }
        }
        return results
    }
}
