import BSON

/// `{$meta: "textScore"}`: a `$text` read attaches each document's score under a field no stored
/// document can have, so sorts read it like any field; projection moves it to the name the query
/// asked for, and every result drops it.
public enum TextScore {
    public static let field = "$textScore"

    /// For a `{$meta: …}` document, whether it asks for the text score; nil for any other value.
    static func meta(_ value: BSONValue) -> (isTextScore: Bool, argument: String)? {
        guard case .document(let operand) = value, operand.keys.first == "$meta" else { return nil }
        let argument = operand["$meta"].map { value in value.stringValue ?? value.typeName } ?? ""
        return (operand.count == 1 && operand["$meta"] == .string("textScore"), argument)
    }

    /// A read result: projected (the score placed where asked), then without the attached score.
    public static func finish(_ document: Document, projection: Projection?) throws(EngineError) -> Document {
        (try projection?.apply(document) ?? document).removing(field)
    }

    public static let notFirstStage = EngineError(
        .textMatchNotFirstStage, "$match with $text is only allowed as the first pipeline stage")

    public static let unavailable = EngineError(
        .textScoreUnavailable, "query requires text score metadata, but it is not available")
}
