import BSON

/// The value tuples an index (or a sort) sees in a document for a list of paths, with MongoDB's
/// multikey rules:
/// - a missing field, or a path running into a scalar, gives null;
/// - an array on the way fans out: one tuple per element (a trailing array gives its elements, an
///   inner array continues the path into each element; elements that are not documents give null);
/// - a numeric component addresses an array element by position instead of fanning out;
/// - an empty trailing array gives `.undefined` (MongoDB's key for it; index keys encode it as null,
///   sorting puts it before null); literal undefined values are reported as null;
/// - paths that meet the same array fan out together (`a.b` and `a.c` pair up per element of `a`);
///   two different arrays in one tuple are "parallel arrays", which MongoDB refuses to index.
enum KeyValueExtraction {
    private enum Reach {
        case value(BSONValue)
        /// An array to fan out over; `prefix` identifies it, `rest` is the path left after it.
        case array([BSONValue], prefix: String, name: String, rest: ArraySlice<FieldPath.Component>)
    }

    static func tuples(for document: Document, paths: [FieldPath]) throws(EngineError) -> [[BSONValue]] {
        let reaches = paths.map { resolve(.document(document), $0.components[...], prefix: "", name: "") }
        var out: [[BSONValue]] = []
        try expand(reaches, into: &out)
        return out
    }

    /// The values one path reaches, for sorting.
    static func values(for document: Document, path: FieldPath) -> [BSONValue] {
        // Most paths meet no array: step through documents directly.
        var current = document
        let last = path.components.count - 1
        for (index, component) in path.components.enumerated() {
            guard let value = current[component.name] else { return [.null] }
            if case .array = value { return multikeyValues(document, path) }
            if index == last { return [literal(value)] }
            guard case .document(let next) = value else { return [.null] }
            current = next
        }
        preconditionFailure("a field path has at least one component")
    }

    private static func multikeyValues(_ document: Document, _ path: FieldPath) -> [BSONValue] {
        // A single path cannot meet parallel arrays.
        let tuples = (try? tuples(for: document, paths: [path])) ?? []
        return tuples.map { $0[0] }
    }

    private static func expand(_ reaches: [Reach], into out: inout [[BSONValue]]) throws(EngineError) {
        var fanOut: (items: [BSONValue], prefix: String, name: String)?
        for reach in reaches {
            guard case .array(let items, let prefix, let name, _) = reach else { continue }
            if let existing = fanOut, existing.prefix != prefix {
                throw EngineError(.cannotIndexParallelArrays, "cannot index parallel arrays [\(existing.name)] [\(name)]")
            }
            fanOut = (items, prefix, name)
        }
        guard let fanOut else {
            out.append(reaches.map { reach in
                if case .value(let v) = reach { return v }
                preconditionFailure("every array reach was expanded")
            })
            return
        }
        if fanOut.items.isEmpty {
            try expand(reaches.map { reach in
                guard case .array(_, _, _, let rest) = reach else { return reach }
                return .value(rest.isEmpty ? .undefined : .null)
            }, into: &out)
            return
        }
        for item in fanOut.items {
            try expand(reaches.map { reach in
                guard case .array(_, let prefix, _, let rest) = reach else { return reach }
                return rest.isEmpty ? .value(literal(item)) : resolveElement(item, rest, prefix: prefix)
            }, into: &out)
        }
    }

    /// Follows `rest` from `value`, which sits at `prefix`.
    private static func resolve(
        _ value: BSONValue, _ rest: ArraySlice<FieldPath.Component>, prefix: String, name: String
    ) -> Reach {
        guard let next = rest.first else {
            if case .array(let items) = value { return .array(items, prefix: prefix, name: name, rest: rest) }
            return .value(literal(value))
        }
        switch value {
        case .document(let doc):
            guard let child = doc[next.name] else { return .value(.null) }
            return resolve(child, rest.dropFirst(), prefix: prefix + "." + next.name, name: next.name)
        case .array(let items):
            if let position = next.arrayIndex {
                return resolvePosition(items, position, rest, prefix: prefix)
            }
            return .array(items, prefix: prefix, name: name, rest: rest)
        default:
            return .value(.null)
        }
    }

    /// An element of an array being fanned out, with path left to follow. Arrays directly inside
    /// arrays are not fanned out again; only a position can enter them.
    private static func resolveElement(
        _ element: BSONValue, _ rest: ArraySlice<FieldPath.Component>, prefix: String
    ) -> Reach {
        switch element {
        case .document:
            return resolve(element, rest, prefix: prefix, name: "")
        case .array(let items):
            guard let position = rest.first?.arrayIndex else { return .value(.null) }
            return resolvePosition(items, position, rest, prefix: prefix)
        default:
            return .value(.null)
        }
    }

    /// `rest` starts with a position into `items`. A positional path that ends on an array takes the
    /// array whole, as MongoDB does.
    private static func resolvePosition(
        _ items: [BSONValue], _ position: Int, _ rest: ArraySlice<FieldPath.Component>, prefix: String
    ) -> Reach {
        guard position < items.count else { return .value(.null) }
        let element = items[position]
        let after = rest.dropFirst()
        if after.isEmpty {
            if case .array(let inner) = element, inner.isEmpty { return .value(.undefined) }
            return .value(literal(element))
        }
        return resolve(element, after, prefix: prefix + "." + String(position), name: String(position))
    }

    /// Stored undefined is reported as null so that `.undefined` only ever means "empty array".
    private static func literal(_ value: BSONValue) -> BSONValue {
        if case .undefined = value { return .null }
        return value
    }
}
