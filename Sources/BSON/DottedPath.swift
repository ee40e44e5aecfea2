extension String {
    /// The parts of a dotted path ("a.b.0"), split at every "." code point. Splitting by `Character` would
    /// miss a dot followed by a combining mark: "." + U+0487 is one Character, so "c.҇" would stay whole
    /// (found by fuzzing). Keys are byte strings, so paths split by scalar.
    public func dottedPathComponents(omittingEmptySubsequences: Bool = false) -> [Substring] {
        unicodeScalars.split(separator: ".", omittingEmptySubsequences: omittingEmptySubsequences).map(Substring.init)
    }
}
