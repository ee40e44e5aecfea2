/// One word of a text as the tokenizer split it, and where it lies.
public struct TextToken: Sendable, Equatable {
    /// The word as written.
    public let word: String
    /// Its place in the text in UTF-16 code units: the offsets a browser's strings use.
    public let utf16Range: Range<Int>

    public init(word: String, utf16Range: Range<Int>) {
        self.word = word
        self.utf16Range = utf16Range
    }
}
