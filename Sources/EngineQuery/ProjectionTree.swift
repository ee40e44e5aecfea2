import BSON

/// Projected paths as a tree of field names; a leaf takes the whole field.
struct ProjectionTree: Sendable {
    private indirect enum Node: Sendable {
        case whole
        case fields(ProjectionTree)
    }

    private var children: [String: Node] = [:]

    mutating func insert(_ path: String) throws(EngineError) {
        try insert(path.dottedPathComponents(omittingEmptySubsequences: true).map(String.init)[...], fullPath: path)
    }

    private mutating func insert(_ components: ArraySlice<String>, fullPath: String) throws(EngineError) {
        let name = components[components.startIndex]
        let rest = components.dropFirst()
        switch (children[name], rest.isEmpty) {
        case (nil, true):
            children[name] = .whole
        case (nil, false):
            var sub = ProjectionTree()
            try sub.insert(rest, fullPath: fullPath)
            children[name] = .fields(sub)
        case (.fields(var sub)?, false):
            try sub.insert(rest, fullPath: fullPath)
            children[name] = .fields(sub)
        default:
            throw EngineError(.projectionPathCollision, "Path collision at \(fullPath)")
        }
    }

    func mentionsSubpath(of name: String) -> Bool {
        if case .fields? = children[name] { return true }
        return false
    }

    func keep(in document: Document) -> Document {
        var out = Document()
        for (key, value) in document.elements {
            switch children[key] {
            case nil:
                continue
            case .whole?:
                out.append(key, value)
            case .fields(let sub)?:
                switch value {
                case .document(let inner): out.append(key, .document(sub.keep(in: inner)))
                case .array(let items): out.append(key, .array(sub.keep(inArray: items)))
                default: continue
                }
            }
        }
        return out
    }

    /// Inside arrays only documents (and nested arrays of them) can hold the kept sub-fields.
    private func keep(inArray items: [BSONValue]) -> [BSONValue] {
        items.compactMap { item in
            switch item {
            case .document(let inner): .document(keep(in: inner))
            case .array(let nested): .array(keep(inArray: nested))
            default: nil
            }
        }
    }

    func remove(from document: Document) -> Document {
        var out = Document()
        for (key, value) in document.elements {
            switch children[key] {
            case nil:
                out.append(key, value)
            case .whole?:
                continue
            case .fields(let sub)?:
                switch value {
                case .document(let inner): out.append(key, .document(sub.remove(from: inner)))
                case .array(let items): out.append(key, .array(sub.remove(inArray: items)))
                default: out.append(key, value)
                }
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
}
