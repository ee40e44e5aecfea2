import BSON

/// Runs an update tree over one document. Fields keep their places; new fields are appended in
/// `UpdateFieldOrder`; paths step into documents by name and into arrays by position only (an update
/// never fans out over an array the way a query does, except through `$[]` and `$[identifier]`).
struct UpdateApplier {
    let leaves: LeafApplier
    let arrayFilters: ArrayFilterSet
    let matchedArrayIndex: Int?

    /// What applying a subtree did to a value that exists.
    enum Outcome {
        case unchanged
        case replaced(BSONValue)
        /// `$unset`: the field goes (an array element becomes null instead).
        case removed
    }

    /// Where a missing path would have to be created under a value that cannot hold it.
    struct Blocker {
        let missingName: String
        /// The value in the way, written as mongod writes an element.
        let element: String
    }

    /// MongoDB's cap on the nulls one update may add in front of a new array element.
    static let maximumPadding = 1_500_000

    func apply(_ root: UpdateNode, to document: Document) throws(EngineError) -> Document {
        guard case .object(let fields, let positional) = root else { return document }
        return try applyFields(fields, positional, to: document, path: [])
    }

    private func applyFields(
        _ fields: [String: UpdateNode], _ positional: UpdateNode?, to document: Document, path: [String]
    ) throws(EngineError) -> Document {
        var out = document
        for (name, node) in try ordered(fields, positional, path) {
            let childPath = path + [name]
            if let existing = out[name] {
                switch try applyExisting(node, existing, name: name, path: childPath) {
                case .unchanged: break
                case .replaced(let value): out[name] = value
                case .removed: out[name] = nil
                }
            } else if let created = try create(node, path: childPath, blockedBy: nil) {
                out.append(name, created)
            }
        }
        return out
    }

    /// The children in the order they apply, with the `$` child placed at the position the query matched.
    private func ordered(
        _ fields: [String: UpdateNode], _ positional: UpdateNode?, _ path: [String]
    ) throws(EngineError) -> [(String, UpdateNode)] {
        var fields = fields
        if let positional {
            guard let index = matchedArrayIndex else {
                throw EngineError(.badValue, "The positional operator did not find the match needed from the query.")
            }
            let name = String(index)
            if let named = fields[name] {
                fields[name] = try UpdateNode.merged(named, positional, at: (path + [name]).joined(separator: "."))
            } else {
                fields[name] = positional
            }
        }
        return fields.sorted { UpdateFieldOrder.areInIncreasingOrder($0.key, $1.key) }.map { ($0.key, $0.value) }
    }

    private func applyExisting(
        _ node: UpdateNode, _ value: BSONValue, name: String, path: [String]
    ) throws(EngineError) -> Outcome {
        switch node {
        case .leaf(let leaf, _):
            return try leaves.apply(leaf, to: value, name: name, path: path)
        case .object(let fields, let positional):
            switch value {
            case .document(let document):
                let updated = try applyFields(fields, positional, to: document, path: path)
                return updated == document ? .unchanged : .replaced(.document(updated))
            case .array(let items):
                let updated = try applyPositions(fields, positional, to: items, name: name, path: path)
                return updated.map { .replaced(.array($0)) } ?? .unchanged
            default:
                let element = ShellFormat.element(name, value)
                for (childName, child) in try ordered(fields, positional, path) {
                    _ = try create(child, path: path + [childName], blockedBy: Blocker(missingName: childName, element: element))
                }
                return .unchanged
            }
        case .array(let children):
            guard case .array(let items) = value else {
                throw EngineError(.badValue, "Cannot apply array updates to non-array element \(ShellFormat.element(name, value))")
            }
            return try applySelected(children, to: items, path: path)
        }
    }

    /// Named children applied to an array: positions address elements, appending (after null padding)
    /// past the end; other names cannot exist in an array. Nil when nothing changed.
    private func applyPositions(
        _ fields: [String: UpdateNode], _ positional: UpdateNode?, to items: [BSONValue], name: String, path: [String]
    ) throws(EngineError) -> [BSONValue]? {
        var items = items
        var changed = false
        let element = ShellFormat.element(name, .array(items))
        for (childName, child) in try ordered(fields, positional, path) {
            let childPath = path + [childName]
            guard let index = UpdateFieldOrder.arrayIndex(childName) else {
                _ = try create(child, path: childPath, blockedBy: Blocker(missingName: childName, element: element))
                continue
            }
            if index < items.count {
                switch try applyExisting(child, items[index], name: childName, path: childPath) {
                case .unchanged: break
                case .replaced(let value): items[index] = value; changed = true
                case .removed: items[index] = .null; changed = true
                }
            } else if let created = try create(child, path: childPath, blockedBy: nil) {
                guard index - items.count <= Self.maximumPadding else {
                    throw EngineError(.cannotBackfillArray, "can't backfill more than \(Self.maximumPadding) elements")
                }
                items += Array(repeating: .null, count: index - items.count)
                items.append(created)
                changed = true
            }
        }
        return changed ? items : nil
    }

    /// `$[]` and `$[identifier]` children applied to each element they select.
    private func applySelected(
        _ children: [UpdatePathPart: UpdateNode], to items: [BSONValue], path: [String]
    ) throws(EngineError) -> Outcome {
        let selectors = children.sorted { $0.key.text < $1.key.text }
        var items = items
        var changed = false
        for index in items.indices {
            let name = String(index)
            var selected: UpdateNode?
            for (selector, child) in selectors where selects(selector, items[index]) {
                if let earlier = selected {
                    selected = try UpdateNode.merged(earlier, child, at: (path + [name]).joined(separator: "."))
                } else {
                    selected = child
                }
            }
            guard let node = selected else { continue }
            switch try applyExisting(node, items[index], name: name, path: path + [name]) {
            case .unchanged: break
            case .replaced(let value): items[index] = value; changed = true
            case .removed: items[index] = .null; changed = true
            }
        }
        return changed ? .replaced(.array(items)) : .unchanged
    }

    private func selects(_ selector: UpdatePathPart, _ element: BSONValue) -> Bool {
        switch selector {
        case .filtered(let identifier): arrayFilters.matches(identifier, element)
        default: true
        }
    }

    /// The value a subtree creates where its path is missing, or nil when it creates nothing. With a
    /// blocker, creating anything is an error, as is a `$pop`/`$pull` whose path could never exist.
    private func create(_ node: UpdateNode, path: [String], blockedBy blocker: Blocker?) throws(EngineError) -> BSONValue? {
        switch node {
        case .leaf(let leaf, _):
            let value = try leaves.valueForCreation(leaf)
            guard let blocker else { return value }
            if value != nil {
                throw EngineError(
                    .pathNotViable, "Cannot create field '\(blocker.missingName)' in element {\(blocker.element)}")
            }
            if leaves.failsWhereNotViable(leaf) {
                throw EngineError(
                    .pathNotViable,
                    "Cannot use the part (\(blocker.missingName)) of (\(path.joined(separator: "."))) to traverse the element ({\(blocker.element)})")
            }
            return nil
        case .object(let fields, let positional):
            var document = Document()
            for (name, child) in try ordered(fields, positional, path) {
                if let value = try create(child, path: path + [name], blockedBy: blocker) {
                    document.append(name, value)
                }
            }
            return document.isEmpty ? nil : .document(document)
        case .array:
            throw EngineError(
                .badValue,
                "The path '\(path.joined(separator: "."))' must exist in the document in order to apply array updates.")
        }
    }
}
