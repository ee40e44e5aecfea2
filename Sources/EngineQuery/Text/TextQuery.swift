import BSON
import TextAnalysis

/// A parsed `{$text: {$search, $language, $caseSensitive, $diacriticSensitive}}`. What its words mean
/// depends on the text index's language, so the terms are worked out when a plan is made
/// (`TextSearchTerms`).
public struct TextQuery: Sendable {
    public let search: String
    /// Nil: the index's default language.
    public let language: TextLanguage?
    public let caseSensitive: Bool
    public let diacriticSensitive: Bool

    public init(_ value: BSONValue) throws(EngineError) {
        guard case .document(let fields) = value else { throw EngineError(.badValue, "$text expects an object") }
        guard let search = fields["$search"] else {
            throw EngineError(.noSuchKey, "Missing expected field \"$search\"")
        }
        guard case .string(let text) = search else { throw Self.wrongType("$search", search, expected: "string") }
        self.search = text
        var expected = 1
        language = try Self.language(fields["$language"], counted: &expected)
        caseSensitive = try Self.flag("$caseSensitive", fields["$caseSensitive"], counted: &expected)
        diacriticSensitive = try Self.flag("$diacriticSensitive", fields["$diacriticSensitive"], counted: &expected)
        if fields.count != expected { throw EngineError(.badValue, "extra fields in $text") }
    }

    private static func language(_ value: BSONValue?, counted: inout Int) throws(EngineError) -> TextLanguage? {
        guard let value else { return nil }
        guard case .string(let name) = value else { throw wrongType("$language", value, expected: "string") }
        counted += 1
        if name.isEmpty { return nil }
        guard let language = TextLanguage(named: name) else {
            throw EngineError(.badValue, "unsupported language: \"\(name)\" for text index version 3")
        }
        return language
    }

    private static func flag(_ name: String, _ value: BSONValue?, counted: inout Int) throws(EngineError) -> Bool {
        guard let value else { return false }
        guard case .bool(let flag) = value else { throw wrongType(name, value, expected: "bool") }
        counted += 1
        return flag
    }

    private static func wrongType(_ name: String, _ value: BSONValue, expected: String) -> EngineError {
        EngineError(.typeMismatch, "\"\(name)\" had the wrong type. Expected \(expected), found \(value.typeName)")
    }
}
