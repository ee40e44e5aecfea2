import BSON

/// An operator-style update, parsed once into its path tree and applied to many documents.
struct OperatorUpdate: Sendable {
    private let tree: UpdateNode
    private let arrayFilters: ArrayFilterSet
    private let renames: [(source: UpdatePath, target: UpdatePath)]
    /// The first path the update names under `_id`, for the immutable-field error.
    private let idPath: String?

    init(_ update: Document, arrayFilters documents: [Document]?) throws(EngineError) {
        let filters = try ArrayFilterSet(documents)
        tree = try UpdateOperatorParser.parse(update, arrayFilters: filters)
        arrayFilters = filters
        var leaves: [(UpdateLeaf, UpdatePath)] = []
        Self.collectLeaves(tree, into: &leaves)
        // Sorted so that what is read off the leaves does not depend on dictionary order.
        leaves.sort { $0.1.dotted < $1.1.dotted }
        var renames: [(source: UpdatePath, target: UpdatePath)] = []
        var identifiers: Set<String> = []
        for (leaf, path) in leaves {
            if case .renameTarget(let source) = leaf { renames.append((source, path)) }
            for case .filtered(let identifier) in path.parts { identifiers.insert(identifier) }
        }
        for identifier in filters.filters.keys.sorted() where !identifiers.contains(identifier) {
            throw EngineError(
                .failedToParse,
                "The array filter for identifier '\(identifier)' was not used in the update \(ShellFormat.document(update))")
        }
        self.renames = renames
        idPath = leaves.first { $0.1.parts.first == .field("_id") }?.1.dotted
    }

    func apply(to document: Document, matchedArrayIndex: Int?, context: UpdateContext) throws(EngineError) -> Document {
        let id = document["_id"]
        let idDescription = id.map { ShellFormat.element("_id", $0) } ?? "no id"
        let plan = try RenamePlan(renames, in: document, idDescription: idDescription)
        let leaves = LeafApplier(context: context, idDescription: idDescription, renamedValues: plan.values)
        let applier = UpdateApplier(leaves: leaves, arrayFilters: arrayFilters, matchedArrayIndex: matchedArrayIndex)
        let updated = plan.removingSources(from: try applier.apply(tree, to: document))
        if let id, updated["_id"].map({ !LeafApplier.identical($0, id) }) ?? true {
            throw EngineError(
                .immutableField,
                "Performing an update on the path '\(idPath ?? "_id")' would modify the immutable field '_id'")
        }
        return updated
    }

    private static func collectLeaves(_ node: UpdateNode, into leaves: inout [(UpdateLeaf, UpdatePath)]) {
        switch node {
        case .leaf(let leaf, let path):
            leaves.append((leaf, path))
        case .object(let fields, let positional):
            for child in fields.values { collectLeaves(child, into: &leaves) }
            if let positional { collectLeaves(positional, into: &leaves) }
        case .array(let children):
            for child in children.values { collectLeaves(child, into: &leaves) }
        }
    }
}
