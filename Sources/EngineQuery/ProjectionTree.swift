import BSON

/// Projected paths as a tree of field names, in the order the specification lists them. Each leaf says
/// what happens to its field: kept, dropped, computed by an expression, or cut by a find operator.
struct ProjectionTree: Sendable {
    indirect enum Node: Sendable {
        case include
        case exclude
        case computed(Expression)
        /// Find's `$slice`: `skip` nil for `$slice: n`.
        case slice(skip: Int?, limit: Int)
        /// Find's `$elemMatch`: the first element matching the filter `{"e": {$elemMatch: …}}` when wrapped.
        case elemMatch(Filter)
        case fields(ProjectionTree)
    }

    private(set) var order: [String] = []
    private(set) var children: [String: Node] = [:]

    var isEmpty: Bool { order.isEmpty }

    /// Adds a node at a dotted path; a path that runs into or through another one is a collision.
    mutating func insert(_ path: String, _ node: Node) throws(EngineError) {
        try insert(path.dottedPathComponents(omittingEmptySubsequences: true).map(String.init)[...], node, fullPath: path)
    }

    private mutating func insert(_ components: ArraySlice<String>, _ node: Node, fullPath: String) throws(EngineError) {
        let name = components[components.startIndex]
        let rest = components.dropFirst()
        switch (children[name], rest.isEmpty) {
        case (nil, true):
            order.append(name)
            children[name] = node
        case (nil, false):
            var sub = ProjectionTree()
            try sub.insert(rest, node, fullPath: fullPath)
            order.append(name)
            children[name] = .fields(sub)
        case (.fields(var sub)?, false):
            try sub.insert(rest, node, fullPath: fullPath)
            children[name] = .fields(sub)
        default:
            throw EngineError(.projectionPathCollision, "Path collision at \(fullPath)")
        }
    }

    func mentionsSubpath(of name: String) -> Bool {
        if case .fields? = children[name] { return true }
        return false
    }

    func node(_ name: String) -> Node? { children[name] }

    /// True when a computed field sits somewhere below: such a subtree creates its field even where the
    /// document has none.
    var computes: Bool {
        children.values.contains { node in
            switch node {
            case .computed: true
            case .fields(let sub): sub.computes
            default: false
            }
        }
    }

    // MARK: applying

    /// Inclusion: listed fields in document order, then computed ones in specification order.
    func keep(in document: Document, root: Document) throws(EngineError) -> Document {
        var out = Document()
        var emitted = Set<String>()
        // A computed `_id` comes first, where `_id` always stands.
        if case .computed(let expression)? = children["_id"] {
            if let value = try expression.evaluate(root) { out.append("_id", value) }
            emitted.insert("_id")
        }
        for (key, value) in document.elements {
            guard let node = children[key], !emitted.contains(key) else { continue }
            switch node {
            case .include:
                out.append(key, value)
            case .exclude, .computed:
                continue
            case .slice(let skip, let limit):
                out.append(key, Self.slice(value, skip: skip, limit: limit))
            case .elemMatch(let filter):
                guard let match = Self.firstMatch(value, filter) else { continue }
                out.append(key, .array([match]))
            case .fields(let sub):
                switch value {
                case .document(let inner): out.append(key, .document(try sub.keep(in: inner, root: root)))
                case .array(let items): out.append(key, .array(try sub.keep(inArray: items, root: root)))
                default:
                    guard sub.computes else { continue }
                    out.append(key, .document(try sub.keep(in: Document(), root: root)))
                }
            }
            emitted.insert(key)
        }
        for key in order where !emitted.contains(key) {
            switch children[key] {
            case .computed(let expression)?:
                if let value = try expression.evaluate(root) { out.append(key, value) }
            case .fields(let sub)? where sub.computes:
                out.append(key, .document(try sub.keep(in: Document(), root: root)))
            default:
                continue
            }
        }
        return out
    }

    /// Inside arrays only documents (and nested arrays of them) can hold the kept sub-fields; scalars
    /// become documents of the computed fields, if any.
    private func keep(inArray items: [BSONValue], root: Document) throws(EngineError) -> [BSONValue] {
        var out: [BSONValue] = []
        for item in items {
            switch item {
            case .document(let inner): out.append(.document(try keep(in: inner, root: root)))
            case .array(let nested): out.append(.array(try keep(inArray: nested, root: root)))
            default: if computes { out.append(.document(try keep(in: Document(), root: root))) }
            }
        }
        return out
    }

    /// Exclusion: every field but the listed ones (find operators still apply where they are listed).
    func remove(from document: Document) -> Document {
        var out = Document()
        for (key, value) in document.elements {
            switch children[key] {
            case nil:
                out.append(key, value)
            case .exclude?:
                continue
            case .slice(let skip, let limit)?:
                out.append(key, Self.slice(value, skip: skip, limit: limit))
            case .fields(let sub)?:
                switch value {
                case .document(let inner): out.append(key, .document(sub.remove(from: inner)))
                case .array(let items): out.append(key, .array(sub.remove(inArray: items)))
                default: out.append(key, value)
                }
            default:
                out.append(key, value)
            }
        }
        return out
    }

    private func remove(inArray items: [BSONValue]) -> [BSONValue] {
        items.map { item in
            switch item {
            case .document(let inner): .document(remove(from: inner))
            case .array(let nested): .array(remove(inArray: nested))
            default: item
            }
        }
    }

    /// `$addFields`: computed fields replace existing ones where they stand, new ones go at the end, and
    /// nested specifications merge into existing embedded documents (and each document of an array).
    func add(to document: Document, root: Document) throws(EngineError) -> Document {
        var out = Document()
        var seen = Set<String>()
        for (key, value) in document.elements {
            guard let node = children[key] else {
                out.append(key, value)
                continue
            }
            guard seen.insert(key).inserted else { continue }
            if let replacement = try addedValue(node, existing: value, root: root) { out.append(key, replacement) }
        }
        for key in order where !seen.contains(key) {
            if let node = children[key], let value = try addedValue(node, existing: nil, root: root) { out.append(key, value) }
        }
        return out
    }

    private func addedValue(_ node: Node, existing: BSONValue?, root: Document) throws(EngineError) -> BSONValue? {
        switch node {
        case .computed(let expression):
            return try expression.evaluate(root)
        case .fields(let sub):
            switch existing {
            case .document(let inner)?: return .document(try sub.add(to: inner, root: root))
            case .array(let items)?:
                var out: [BSONValue] = []
                for item in items { out.append(try addedValue(node, existing: item, root: root) ?? .null) }
                return .array(out)
            default: return .document(try sub.add(to: Document(), root: root))
            }
        default:
            return existing
        }
    }

    // MARK: find operators

    static func slice(_ value: BSONValue, skip: Int?, limit: Int) -> BSONValue {
        guard case .array(let items) = value else { return value }
        guard let skip else {
            return .array(limit >= 0 ? Array(items.prefix(limit)) : Array(items.suffix(-limit)))
        }
        let start = skip < 0 ? max(0, items.count + skip) : min(skip, items.count)
        return .array(Array(items[start...].prefix(limit)))
    }

    static func firstMatch(_ value: BSONValue, _ filter: Filter) -> BSONValue? {
        guard case .array(let items) = value else { return nil }
        return items.first { filter.matches(["e": .array([$0])]) }
    }
}
