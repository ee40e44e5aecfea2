/// The first checks of every JSON request body: not empty, well-formed strict JSON, an object. The
/// members come back for the body type to read its own fields from.
enum JSONObjectBody {
    static func members(_ bytes: [UInt8]) throws(RequestBodyError) -> [JSONValue.Member] {
        if bytes.isEmpty { throw .empty }
        let value: JSONValue
        do {
            value = try StrictJSONParser.parse(bytes)
        } catch {
            throw .malformed(error)
        }
        guard case .object(let members) = value else { throw .notAnObject(actualType: value.typeName) }
        return members
    }
}
