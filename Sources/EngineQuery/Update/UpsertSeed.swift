import BSON

/// The document an upsert starts from: the equality conditions of its query (literal values and `$eq`,
/// at the top level or inside `$and`), each set at its path with nested documents created. As mongod
/// simplifies the query first, an `$or` of one clause counts as that clause and `$in` of one value as `$eq`.
public enum UpsertSeed {
    /// All the query's equality fields, for an operator-style update.
    static func document(from query: FilterNode) throws(EngineError) -> Document {
        build(try equalities(in: query))
    }

    /// Only `_id`, for a replacement: the replacement supplies every other field.
    static func idOnly(from query: FilterNode) throws(EngineError) -> Document {
        let idPath = ["_id"]
        var kept: [(path: [String], value: BSONValue)] = []
        for equality in try equalities(in: query) where equality.path.first == "_id" {
            guard equality.path == idPath else {
                throw EngineError(
                    .notExactValueField,
                    "field at '_id' must be exactly specified, field at sub-path '\(equality.path.joined(separator: "."))'found")
            }
            kept.append(equality)
        }
        return build(kept)
    }

    private static func equalities(in query: FilterNode) throws(EngineError) -> [(path: [String], value: BSONValue)] {
        var found: [(path: [String], value: BSONValue)] = []
        try collect(query, into: &found)
        return found
    }

    private static func collect(_ node: FilterNode, into found: inout [(path: [String], value: BSONValue)]) throws(EngineError) {
        switch node {
        case .and(let children):
            for child in children { try collect(child, into: &found) }
        case .field(let path, let predicate):
            try collect(path, predicate, into: &found)
        case .or(let children) where children.count == 1:
            try collect(children[0], into: &found)
        case .or, .nor, .alwaysTrue, .expr, .text:
            break
        }
    }

    private static func collect(
        _ path: String, _ predicate: FieldPredicate, into found: inout [(path: [String], value: BSONValue)]
    ) throws(EngineError) {
        switch predicate {
        case .eq(let value):
            let parts = path.dottedPathComponents().map(String.init)
            for other in found {
                let shorter = min(other.path.count, parts.count)
                guard other.path.prefix(shorter) == parts.prefix(shorter) else { continue }
                if other.path.count == parts.count {
                    throw EngineError(.notSingleValueField, "cannot infer query fields to set, path '\(path)' is matched twice")
                }
                let (longer, prefix) = parts.count > other.path.count ? (parts, other.path) : (other.path, parts)
                throw EngineError(
                    .notSingleValueField,
                    "cannot infer query fields to set, both paths '\(longer.joined(separator: "."))' and '\(prefix.joined(separator: "."))' are matched")
            }
            found.append((parts, value))
        case .in(let values) where values.count == 1:
            if case .regex = values[0] { return }
            try collect(path, .eq(values[0]), into: &found)
        case .and(let predicates):
            for inner in predicates { try collect(path, inner, into: &found) }
        default:
            break
        }
    }

    /// The fields set in byte order of their paths, so the seed does not depend on the query's order.
    private static func build(_ equalities: [(path: [String], value: BSONValue)]) -> Document {
        let sorted = equalities.sorted {
            BSONOrder.compareUTF8($0.path.joined(separator: "."), $1.path.joined(separator: ".")) < 0
        }
        var document = Document()
        for (path, value) in sorted { document = setting(value, at: path[...], in: document) }
        return document
    }

    private static func setting(_ value: BSONValue, at path: ArraySlice<String>, in document: Document) -> Document {
        guard let first = path.first else { return document }
        var out = document
        if path.count == 1 {
            out[first] = value
        } else {
            let inner = out[first]?.documentValue ?? Document()
            out[first] = .document(setting(value, at: path.dropFirst(), in: inner))
        }
        return out
    }
}
