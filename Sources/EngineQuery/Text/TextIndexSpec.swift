import BSON

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

    private static func weights(textFields: [String], option: BSONValue?) throws(EngineError) -> [(path: String, weight: Int32)] {
        var weights: [String: Int64] = [:]
        for field in textFields { weights[field] = 1 }
        switch option {
        case nil:
            break
        case .document(let listed)?:
            for (path, value) in listed.elements {
                guard value.isNumber else { throw EngineError(.cannotCreateIndex, "weight for text index needs numeric type") }
                // MongoDB truncates to an int; out-of-range values fail the interval check below.
                let number = value.doubleValue ?? 0
                weights[path] = number.isFinite ? Int64(max(min(number, 1e12), -1e12)) : 0
            }
        case .string("$**")?:
            throw EngineError(.cannotCreateIndex, "wildcard text indexes ($**) are not supported by this server")
        default:
            throw EngineError(.cannotCreateIndex, "text index option 'weights' must be an object")
        }
        if weights.keys.contains("$**") {
            throw EngineError(.cannotCreateIndex, "wildcard text indexes ($**) are not supported by this server")
        }
        if weights.isEmpty {
            throw EngineError(.cannotCreateIndex, "text index option 'weights' must specify fields or the wildcard")
        }
        // MongoDB keeps weights in a map ordered by field name.
        let ordered = weights.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
        for (path, weight) in ordered {
            guard weight > 0 && weight < maxWeight else {
                throw EngineError(.cannotCreateIndex,
                    "text index weight must be in the exclusive interval (0,\(maxWeight)) but found: \(weight)")
            }
            let parts = path.dottedPathComponents()
            if path.isEmpty { throw EngineError(.cannotCreateIndex, "weight cannot be on an empty field") }
            if parts.contains(where: \.isEmpty) {
                throw EngineError(.cannotCreateIndex, "weight cannot have empty path component")
            }
            if parts.contains(where: { $0.hasPrefix("$") }) {
                throw EngineError(.cannotCreateIndex, "weight cannot have path component with $ prefix")
            }
        }
        return ordered.map { ($0.key, Int32($0.value)) }
    }

    private static func language(_ option: BSONValue?) throws(EngineError) -> (String, TextLanguage) {
        guard let option else { return ("english", .english) }
        guard case .string(let name) = option else {
            throw EngineError(.cannotCreateIndex, "default_language needs a string type")
        }
        guard let language = TextLanguage(named: name) else {
            throw EngineError(.cannotCreateIndex, "default_language is not valid")
        }
        return (name, language)
    }

    private static func languageOverride(_ option: BSONValue?) throws(EngineError) -> String {
        guard let option else { return "language" }
        guard case .string(let field) = option else {
            throw EngineError(.cannotCreateIndex, "language_override must be a string")
        }
        guard !field.isEmpty, !field.hasPrefix("$"), !field.contains(".") else {
            throw EngineError(.cannotCreateIndex, "language_override is not valid")
        }
        return field
    }

    private static func version(_ option: BSONValue?) throws(EngineError) -> Int32 {
        guard let option else { return 3 }
        guard option.isNumber else {
            throw EngineError(.cannotCreateIndex, "text index option 'textIndexVersion' must be a number")
        }
        let version = option.integerValue ?? 0
        // Version 2 tokenised differently; only the current version's terms are produced here.
        guard version == 3 else { throw EngineError(.cannotCreateIndex, "bad textIndexVersion: \(version)") }
        return 3
    }
}

extension TextIndexSpec: Equatable {
    public static func == (a: TextIndexSpec, b: TextIndexSpec) -> Bool {
        a.keyDocument == b.keyDocument && a.options.map(\.0) == b.options.map(\.0)
            && Document(a.options) == Document(b.options)
    }
}
