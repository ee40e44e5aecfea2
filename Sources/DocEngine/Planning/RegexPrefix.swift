/// The literal text every string matching a prefix-anchored regex starts with, as MongoDB uses it for
/// tight index bounds: `/^abc/` and `/^abc.*x/` read only the keys starting with "abc". Case-insensitive,
/// multi-line (`^` after any newline) and extended patterns, and alternations, have no such prefix.
enum RegexPrefix {
    static func literalPrefix(pattern: String, options: String) -> String? {
        guard !options.contains(where: { "imx".contains($0) }), !pattern.unicodeScalars.contains("|") else { return nil }
        // By scalar, as the regex engine reads it: a "." followed by a combining mark is still a wildcard.
        var rest = Substring.UnicodeScalarView(pattern.unicodeScalars)
        if rest.starts(with: "^".unicodeScalars) {
            rest = rest.dropFirst()
        } else if rest.starts(with: "\\A".unicodeScalars) {
            rest = rest.dropFirst(2)
        } else {
            return nil
        }
        var prefix = String.UnicodeScalarView()
        for scalar in rest {
            if "\\.*+?()[]{}^$".unicodeScalars.contains(scalar) {
                // A quantifier makes the scalar before it optional, so it is not part of every match.
                if "*?{".unicodeScalars.contains(scalar), !prefix.isEmpty { prefix.removeLast() }
                break
            }
            prefix.append(scalar)
        }
        return prefix.isEmpty ? nil : String(prefix)
    }
}
