/// The update as a tree of the paths it names, shared by all its operators. Building it is where
/// MongoDB finds conflicts: two operators on one path, or one path inside another.
indirect enum UpdateNode: Sendable {
    case leaf(UpdateLeaf, UpdatePath)
    /// Children by field name (array positions included) and the `$` child, applied to a document or array.
    case object(fields: [String: UpdateNode], positional: UpdateNode?)
    /// `$[]` and `$[identifier]` children, applied to the elements of an array.
    case array([UpdatePathPart: UpdateNode])

    static let emptyObject = UpdateNode.object(fields: [:], positional: nil)

    /// Adds `leaf` at `path`, below the parts already walked (`depth`).
    mutating func insert(_ leaf: UpdateLeaf, at path: UpdatePath, depth: Int = 0) throws(EngineError) {
        let part = path.parts[depth]
        let isLast = depth == path.parts.count - 1
        var child = self.child(part)
        if isLast {
            guard child == nil else { throw Self.conflict(path, at: path.dotted) }
            child = .leaf(leaf, path)
        } else {
            let needsArray = path.parts[depth + 1].isArraySelector
            switch child {
            case nil:
                child = needsArray ? .array([:]) : .emptyObject
            case .object? where !needsArray, .array? where needsArray:
                break
            default:
                throw Self.conflict(path, at: path.prefix(depth + 1))
            }
            try child?.insert(leaf, at: path, depth: depth + 1)
        }
        setChild(part, child)
    }

    private func child(_ part: UpdatePathPart) -> UpdateNode? {
        switch (self, part) {
        case (.object(let fields, _), .field(let name)): fields[name]
        case (.object(_, let positional), .positional): positional
        case (.array(let children), _): children[part]
        default: nil
        }
    }

    private mutating func setChild(_ part: UpdatePathPart, _ node: UpdateNode?) {
        switch (self, part) {
        case (.object(var fields, let positional), .field(let name)):
            fields[name] = node
            self = .object(fields: fields, positional: positional)
        case (.object(let fields, _), .positional):
            self = .object(fields: fields, positional: node)
        case (.array(var children), _):
            children[part] = node
            self = .array(children)
        default:
            break
        }
    }

    private static func conflict(_ path: UpdatePath, at prefix: String) -> EngineError {
        EngineError(
            .conflictingUpdateOperators, "Updating the path '\(path.dotted)' would create a conflict at '\(prefix)'")
    }

    /// Two subtrees that apply to the same place in one document (the `$` child and a named one, or two
    /// array filters matching one element), combined; a path both set is a conflict.
    static func merged(_ a: UpdateNode, _ b: UpdateNode, at path: String) throws(EngineError) -> UpdateNode {
        switch (a, b) {
        case (.object(let left, let leftPositional), .object(let right, let rightPositional)):
            var fields = left
            for (name, node) in right {
                if let existing = fields[name] {
                    fields[name] = try merged(existing, node, at: path + "." + name)
                } else {
                    fields[name] = node
                }
            }
            var positional = leftPositional ?? rightPositional
            if let leftPositional, let rightPositional {
                positional = try merged(leftPositional, rightPositional, at: path + ".$")
            }
            return .object(fields: fields, positional: positional)
        case (.array(let left), .array(let right)):
            var children = left
            for (part, node) in right {
                if let existing = children[part] {
                    children[part] = try merged(existing, node, at: path + "." + part.text)
                } else {
                    children[part] = node
                }
            }
            return .array(children)
        default:
            throw EngineError(.conflictingUpdateOperators, "Update created a conflict at '\(path)'")
        }
    }
}
