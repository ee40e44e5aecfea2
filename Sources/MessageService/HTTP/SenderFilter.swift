/// The `sender` query parameter of history and search: a sender name by the rules a message's sender
/// follows, compared byte for byte, only ever used as an equality value.
enum SenderFilter {
    static func parse(_ text: String) throws(MessageValidationError) -> String {
        try Validation.checkSender(text)
        return text
    }
}
