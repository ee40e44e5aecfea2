/// Why the body of a create or edit request has the wrong shape, before any field's value is looked at.
enum RequestBodyError: Error, Sendable, Equatable, CustomStringConvertible {
    case empty
    /// The connection ended or failed before the declared body arrived.
    case incomplete
    case malformed(JSONSyntaxError)
    case notAnObject(actualType: String)
    case unknownField(String)
    /// An edit's body has a member other than `content`.
    case unknownEditField(String)
    case missingField(String)
    case wrongType(field: String, actualType: String)

    var description: String {
        switch self {
        case .empty: "request body is empty; expected a JSON object"
        case .incomplete: "request body ended before it was complete"
        case .malformed(let error): "request body is \(error)"
        case .notAnObject(let type): "request body must be a JSON object, not \(type == "array" ? "an" : "a") \(type)"
        case .unknownField(let name): "unknown field \(ClientText.quoted(name)); allowed: sender, content, client_id"
        case .unknownEditField(let name): "unknown field \(ClientText.quoted(name)); allowed: content"
        case .missingField(let name): "\(name) is required"
        case .wrongType(let field, let type): "\(field) must be a string, not \(type)"
        }
    }
}
