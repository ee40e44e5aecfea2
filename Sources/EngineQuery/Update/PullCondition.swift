import BSON

/// Which array elements a `$pull` removes, chosen as MongoDB chooses from the operand's shape.
enum PullCondition: Sendable {
    /// A plain value: elements equal to it in BSON order (1 and 1.0 are equal).
    case equals(BSONValue)
    /// A document of query conditions on fields: document elements that match it.
    case matchesDocument(Filter)
    /// Operators (`{$gte: 6}`) or a regex, applied to each element itself as a query applies them to
    /// a field, so an element that is an array is removed when one of its members matches.
    case matchesValue(Filter)

    /// The top-level operators a condition document may start with and still be a query on the
    /// elements' fields rather than on the elements themselves.
    private static let documentOperators: Set<String> = ["$and", "$or", "$nor", "$comment", "$expr", "$where", "$text"]

    init(_ operand: BSONValue) throws(EngineError) {
        switch operand {
        case .document(let condition):
            if let first = condition.keys.first, first.hasPrefix("$"), !Self.documentOperators.contains(first) {
                self = .matchesValue(try Filter(Document([("", operand)])))
            } else {
                self = .matchesDocument(try Filter(condition))
            }
        case .regex:
            self = .matchesValue(try Filter(Document([("", operand)])))
        default:
            self = .equals(operand)
        }
    }

    func removes(_ element: BSONValue) -> Bool {
        switch self {
        case .equals(let value):
            return BSONOrder.compare(element, value) == 0
        case .matchesDocument(let filter):
            guard case .document(let document) = element else { return false }
            return filter.matches(document)
        case .matchesValue(let filter):
            return filter.matches(Document([("", element)]))
        }
    }
}
