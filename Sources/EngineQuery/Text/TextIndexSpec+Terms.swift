import BSON
import TextAnalysis

extension TextIndexSpec {
    /// One indexed string: its text, the weight of the field it came from and the language to read it in.
    struct IndexedString {
        let text: String
        let weight: Double
        let language: TextLanguage
    }

    /// The strings this index reads in `document`: every string (or string in an array) at a weighted
    /// path. The document's `language_override` field, when present, chooses the language.
    func indexedStrings(in document: Document) throws(EngineError) -> [IndexedString] {
        let language = try documentLanguage(document)
        var strings: [IndexedString] = []
        for (path, weight) in weights {
            _ = PathTraversal.visit(document, FieldPath(path), expandLeafArrays: true) { value in
                if case .string(let text)? = value {
                    strings.append(IndexedString(text: text, weight: Double(weight), language: language))
                }
                return false
            }
        }
        return strings
    }

    private func documentLanguage(_ document: Document) throws(EngineError) -> TextLanguage {
        guard let value = document[languageOverride] else { return defaultLanguage }
        guard case .string(let name) = value else {
            throw EngineError(.languageOverrideNotString, "found language override field in document with non-string type")
        }
        guard let language = TextLanguage(named: name) else {
            throw EngineError(.languageOverrideUnsupported, "language override unsupported: \(name)")
        }
        return language
    }

    /// Each term's score in `document`, MongoDB's way: within one string a term's repeats count 1, 1/2,
    /// 1/4…, scaled by 0.5 + 0.5 × (its share of the string's terms) and by the field's weight, with a
    /// tenth more when the term is the whole string; the document's score sums over its strings.
    public func termScores(in document: Document) throws(EngineError) -> [String: Double] {
        var scores: [String: Double] = [:]
        for string in try indexedStrings(in: document) {
            let terms = TextTokenizer(language: string.language).terms(in: string.text)
            var frequency: [String: (count: Int, weightSum: Double, next: Double)] = [:]
            for term in terms {
                var entry = frequency[term] ?? (0, 0, 1)
                entry.count += 1
                entry.weightSum += entry.next
                entry.next /= 2
                frequency[term] = entry
            }
            for (term, entry) in frequency {
                let coefficient = 0.5 * Double(entry.count) / Double(terms.count) + 0.5
                let whole = string.text.utf8.count == term.utf8.count && string.text.lowercased() == term.lowercased()
                scores[term, default: 0] += string.weight * entry.weightSum * coefficient * (whole ? 1.1 : 1)
            }
        }
        return scores
    }

    /// The index entries for `document`: one per distinct term, keyed (prefix values…, term, score).
    /// The score's bytes follow the term so a lookup reads it back from the key alone.
    public func entryKeys(for document: Document) throws(EngineError) -> [[UInt8]] {
        let prefixKey = try prefixKey(for: document)
        return try termScores(in: document).map { term, score in
            // One array per entry, sized up front: every stored message has a dozen or more.
            let termKey = Self.termKey(term)
            var key: [UInt8] = []
            key.reserveCapacity(prefixKey.count + termKey.count + 8)
            key.append(contentsOf: prefixKey)
            key.append(contentsOf: termKey)
            Self.appendScore(score, to: &key)
            return key
        }.sorted { $0.lexicographicallyPrecedes($1) }
    }

    /// The encoded prefix values of a document, which may not reach an array (MongoDB refuses those).
    func prefixKey(for document: Document) throws(EngineError) -> [UInt8] {
        var key: [UInt8] = []
        for field in prefix {
            var value: BSONValue = .null
            var current = document
            for (index, name) in field.path.dottedPathComponents().enumerated() {
                guard let next = current[String(name)] else { value = .null; break }
                if case .array = next {
                    throw EngineError(.textIndexArrayPrefix, "cannot have a multi-key as a prefix to a text index")
                }
                value = next
                guard case .document(let inner) = next else {
                    if index < field.path.dottedPathComponents().count - 1 { value = .null }
                    break
                }
                current = inner
            }
            key += IndexKey.encode([value], ascending: [field.ascending])
        }
        return key
    }

    /// The prefix-free encoding of a term inside an entry key.
    public static func termKey(_ term: String) -> [UInt8] { IndexKey.encode(.string(term)) }

    static func scoreBytes(_ score: Double) -> [UInt8] {
        var bytes: [UInt8] = []
        appendScore(score, to: &bytes)
        return bytes
    }

    /// The score's 8 bytes, big-endian, as an entry key ends with them.
    static func appendScore(_ score: Double, to key: inout [UInt8]) {
        withUnsafeBytes(of: score.bitPattern.bigEndian) { key.append(contentsOf: $0) }
    }

    /// The score stored at the end of an entry key.
    public static func score(fromKey key: [UInt8]) -> Double {
        guard key.count >= 8 else { return 0 }
        let bits = key.suffix(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        return Double(bitPattern: bits)
    }
}
