/// Client-chosen text (an unknown field or parameter name, a charset) quoted for an error message,
/// shortened so a huge name cannot bloat the error.
enum ClientText {
    static let maxScalars = 64

    static func quoted(_ text: String) -> String {
        let scalars = text.unicodeScalars
        guard scalars.count > maxScalars else { return "\"\(text)\"" }
        return "\"\(String(String.UnicodeScalarView(scalars.prefix(maxScalars))))…\""
    }
}
