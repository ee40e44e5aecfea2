/// Why a query string is refused as a whole, before any parameter's value is looked at.
enum QueryError: Error, Sendable, Equatable, CustomStringConvertible {
    case invalidPercentEncoding
    case unknownParameter(String, allowed: [String])
    case repeatedParameter(String)

    var description: String {
        switch self {
        case .invalidPercentEncoding:
            "query string has invalid percent-encoding or is not UTF-8"
        case .unknownParameter(let name, let allowed):
            "unknown query parameter \(ClientText.quoted(name)); "
                + (allowed.isEmpty ? "this endpoint takes none" : "allowed: \(allowed.joined(separator: ", "))")
        case .repeatedParameter(let name):
            "query parameter \(name) is given more than once"
        }
    }
}
