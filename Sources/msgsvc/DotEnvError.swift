/// Why a `.env` file could not be used: which file, which line, and what was wrong there.
struct DotEnvError: Error, Equatable, CustomStringConvertible {
    enum Reason: Error, Equatable {
        case unreadable(String)
        case missingEquals
        case invalidName(String)
        case unterminatedQuote
        case textAfterQuote
    }

    var path: String
    /// 1-based; 0 when the file as a whole could not be read.
    var line: Int
    var reason: Reason

    var description: String {
        let place = line > 0 ? "\(path):\(line)" : path
        switch reason {
        case .unreadable(let cause): return "cannot read env file \(place): \(cause)"
        case .missingEquals: return "\(place): expected NAME=value"
        case .invalidName(let name): return "\(place): \(name.debugDescription) is not a variable name (letters, digits, _)"
        case .unterminatedQuote: return "\(place): the quoted value has no closing quote"
        case .textAfterQuote: return "\(place): only a comment may follow a quoted value"
        }
    }
}
