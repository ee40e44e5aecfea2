import BSON
import TextAnalysis

/// The options of a text index spec, checked as MongoDB checks them (all refusals are CannotCreateIndex).
extension TextIndexSpec {
    static func weights(textFields: [String], option: BSONValue?) throws(EngineError) -> [(path: String, weight: Int32)] {
        var weights: [String: Int64] = [:]
        for field in textFields { weights[field] = 1 }
        switch option {
        case nil:
            break
        case .document(let listed)?:
            for (path, value) in listed.elements {
                guard value.isNumber else { throw EngineError(.cannotCreateIndex, "weight for text index needs numeric type") }
                // MongoDB truncates to an int; out-of-range values fail the interval check below.
                let number = value.doubleValue ?? 0
                weights[path] = number.isFinite ? Int64(max(min(number, 1e12), -1e12)) : 0
            }
        case .string("$**")?:
            throw EngineError(.cannotCreateIndex, "wildcard text indexes ($**) are not supported by this server")
        default:
            throw EngineError(.cannotCreateIndex, "text index option 'weights' must be an object")
        }
        if weights.keys.contains("$**") {
            throw EngineError(.cannotCreateIndex, "wildcard text indexes ($**) are not supported by this server")
        }
        if weights.isEmpty {
            throw EngineError(.cannotCreateIndex, "text index option 'weights' must specify fields or the wildcard")
        }
        // MongoDB keeps weights in a map ordered by field name.
        let ordered = weights.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
        for (path, weight) in ordered {
            guard weight > 0 && weight < maxWeight else {
                throw EngineError(.cannotCreateIndex,
                    "text index weight must be in the exclusive interval (0,\(maxWeight)) but found: \(weight)")
            }
            let parts = path.dottedPathComponents()
            if path.isEmpty { throw EngineError(.cannotCreateIndex, "weight cannot be on an empty field") }
            if parts.contains(where: \.isEmpty) {
                throw EngineError(.cannotCreateIndex, "weight cannot have empty path component")
            }
            if parts.contains(where: { $0.hasPrefix("$") }) {
                throw EngineError(.cannotCreateIndex, "weight cannot have path component with $ prefix")
            }
        }
        return ordered.map { ($0.key, Int32($0.value)) }
    }

    static func language(_ option: BSONValue?) throws(EngineError) -> (String, TextLanguage) {
        guard let option else { return ("english", .english) }
        guard case .string(let name) = option else {
            throw EngineError(.cannotCreateIndex, "default_language needs a string type")
        }
        guard let language = TextLanguage(named: name) else {
            throw EngineError(.cannotCreateIndex, "default_language is not valid")
        }
        return (name, language)
    }

    static func languageOverride(_ option: BSONValue?) throws(EngineError) -> String {
        guard let option else { return "language" }
        guard case .string(let field) = option else {
            throw EngineError(.cannotCreateIndex, "language_override must be a string")
        }
        guard !field.isEmpty, !field.hasPrefix("$"), !field.contains(".") else {
            throw EngineError(.cannotCreateIndex, "language_override is not valid")
        }
        return field
    }

    static func version(_ option: BSONValue?) throws(EngineError) -> Int32 {
        guard let option else { return 3 }
        guard option.isNumber else {
            throw EngineError(.cannotCreateIndex, "text index option 'textIndexVersion' must be a number")
        }
        let version = option.integerValue ?? 0
        // Version 2 tokenised differently; only the current version's terms are produced here.
        guard version == 3 else { throw EngineError(.cannotCreateIndex, "bad textIndexVersion: \(version)") }
        return 3
    }
}
