/// A query string read strictly: only the endpoint's parameters, each at most once.
enum QueryParameters {
    /// Decoded name → decoded value. `query` is the raw text after `?` (nil or empty: no parameters);
    /// a component without `=` has the empty value.
    static func parse(_ query: String?, allowed: [String]) throws(QueryError) -> [String: String] {
        guard let query, !query.isEmpty else { return [:] }
        var parameters: [String: String] = [:]
        for component in query.split(separator: "&", omittingEmptySubsequences: false) {
            let (rawName, rawValue) =
                if let equals = component.firstIndex(of: "=") {
                    (component[..<equals], component[component.index(after: equals)...])
                } else {
                    (component, component[component.endIndex...])
                }
            guard let name = PercentDecoding.decode(rawName, plusIsSpace: true),
                let value = PercentDecoding.decode(rawValue, plusIsSpace: true)
            else { throw .invalidPercentEncoding }
            // Names compare by bytes: a differently normalised spelling is a different, unknown name.
            guard let known = allowed.first(where: { $0.utf8.elementsEqual(name.utf8) }) else {
                throw .unknownParameter(name, allowed: allowed)
            }
            guard parameters.updateValue(value, forKey: known) == nil else { throw .repeatedParameter(known) }
        }
        return parameters
    }
}
