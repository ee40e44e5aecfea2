import BSON
import TextAnalysis

/// A text index definition, normalised as MongoDB stores it: the key becomes
/// `{prefix…, _fts: "text", _ftsx: 1, suffix…}` and the text fields move into `weights`. Parses both
/// the request form (`{room_id: 1, content: "text"}`) and the stored form, so a spec read back from the
/// catalog rebuilds the same index.
public struct TextIndexSpec: Sendable {
    public typealias KeyField = (path: String, ascending: Bool)

    /// B-tree fields before the text part: a query must give each an equality.
    public let prefix: [KeyField]
    public let suffix: [KeyField]
    /// Field path to weight, in field-name order as MongoDB lists them.
    public let weights: [(path: String, weight: Int32)]
    /// The spelling asked for ("en" stays "en" in listIndexes), and what it means.
    public let defaultLanguageName: String
    public let defaultLanguage: TextLanguage
    public let languageOverride: String
    public let textIndexVersion: Int32

    static let maxWeight: Int64 = 100_000

    /// True when `key` describes a text index (a field with value "text", or the stored `_fts` form).
    public static func isText(key: Document) -> Bool {
        key.elements.contains { $0.key == "_fts" || $0.value == .string("text") }
    }

    public init(spec: Document) throws(EngineError) {
        guard case .document(let key)? = spec["key"] else {
            throw EngineError(.failedToParse, "The 'key' field is a required property of an index specification")
        }
        var prefix: [KeyField] = []
        var suffix: [KeyField] = []
        var textFields: [String] = []
        var phase = 0  // 0: before the text fields, 1: in them, 2: after them
        for (path, value) in key.elements {
            if path == "_fts" || path == "_ftsx" {
                try Self.checkStoredMarker(path, value, phase: &phase)
                continue
            }
            if value == .string("text") {
                try Self.checkNotReserved(path)
                if phase == 2 { throw EngineError(.cannotCreateIndex, "'text' fields in index must all be adjacent") }
                phase = 1
                textFields.append(path)
                continue
            }
            if case .string = value {
                throw EngineError(.cannotCreateIndex, "Can't use more than one index plugin for a single index.")
            }
            guard let direction = value.integerValue, direction == 1 || direction == -1 else {
                throw EngineError(.cannotCreateIndex, "expected value 1 or -1 for non-text key in compound index")
            }
            try Self.checkNotReserved(path)
            if phase == 0 { prefix.append((path, direction == 1)) } else { phase = 2; suffix.append((path, direction == 1)) }
        }
        if !prefix.isEmpty || !suffix.isEmpty {
            // Validates the paths as any B-tree key would be.
            _ = try KeyPattern(Document((prefix + suffix).map { ($0.path, BSONValue.int32($0.ascending ? 1 : -1)) }))
        }
        self.prefix = prefix
        self.suffix = suffix
        weights = try Self.weights(textFields: textFields, option: spec["weights"])
        (defaultLanguageName, defaultLanguage) = try Self.language(spec["default_language"])
        languageOverride = try Self.languageOverride(spec["language_override"])
        textIndexVersion = try Self.version(spec["textIndexVersion"])
    }

    /// The normalised key, as listIndexes shows it.
    public var keyDocument: Document {
        var pairs = prefix.map { ($0.path, BSONValue.int32($0.ascending ? 1 : -1)) }
        pairs += [("_fts", .string("text")), ("_ftsx", .int32(1))]
        pairs += suffix.map { ($0.path, BSONValue.int32($0.ascending ? 1 : -1)) }
        return Document(pairs)
    }

    /// The spec fields that configure a text index (reported from `options`, normalised).
    public static let optionNames: Set<String> = ["weights", "default_language", "language_override", "textIndexVersion"]

    /// The text options listIndexes shows after the common ones.
    public var options: [(String, BSONValue)] {
        [
            ("weights", .document(Document(weights.map { ($0.path, BSONValue.int32($0.weight)) }))),
            ("default_language", .string(defaultLanguageName)),
            ("language_override", .string(languageOverride)),
            ("textIndexVersion", .int32(textIndexVersion)),
        ]
    }

    private static func checkStoredMarker(_ path: String, _ value: BSONValue, phase: inout Int) throws(EngineError) {
        if path == "_fts" {
            guard value == .string("text") else { throw EngineError(.cannotCreateIndex, "expecting _fts:\"text\"") }
            phase = 1
        } else {
            guard value.integerValue == 1 else { throw EngineError(.cannotCreateIndex, "expecting _ftsx:1") }
            phase = 2
        }
    }

    private static func checkNotReserved(_ path: String) throws(EngineError) {
        if path == "_fts" || path == "_ftsx" {
            throw EngineError(.cannotCreateIndex, "text index with reserved fields _fts/_ftsx not allowed")
        }
    }
}

extension TextIndexSpec: Equatable {
    public static func == (a: TextIndexSpec, b: TextIndexSpec) -> Bool {
        a.keyDocument == b.keyDocument && Document(a.options) == Document(b.options)
    }
}
