import BSON

extension Filter {
    /// The array position the positional `$` update operator stands for: the index, in the outermost
    /// array a matching condition traversed, of the element that satisfied it. When several conditions
    /// of an `$and` go through arrays, the last one evaluated wins, as in mongod; `$or`, `$nor` and
    /// negations record nothing. Nil when the filter does not match or matched without an array.
    public func matchedArrayIndex(in document: Document) -> Int? {
        PositionalMatch.evaluate(compiled, document).index
    }
}

/// Matching that also reports the array position a match went through.
enum PositionalMatch {
    typealias Result = (matches: Bool, index: Int?)

    static func evaluate(_ node: CompiledNode, _ document: Document) -> Result {
        switch node {
        case .and(let children):
            return all(children.lazy.map { evaluate($0, document) })
        case .field(let path, let predicate):
            return evaluate(predicate, document, path)
        case .or, .nor, .alwaysTrue, .expr:
            return (node.matches(document), nil)
        }
    }

    private static func evaluate(_ predicate: CompiledPredicate, _ document: Document, _ path: FieldPath) -> Result {
        switch predicate {
        case .and(let inner):
            return all(inner.lazy.map { evaluate($0, document, path) })
        case .not, .never:
            return (predicate.matches(document, at: path), nil)
        default:
            var found: Result = (false, nil)
            _ = PositionalTraversal.visit(document, path, expandLeafArrays: predicate.expandsLeafArrays) { value, index in
                guard predicate.matches(value: value) else { return false }
                found = (true, index ?? elementIndex(predicate, value))
                return true
            }
            return found
        }
    }

    /// A conjunction: every part must match; the last part that recorded a position wins.
    private static func all<S: Sequence>(_ results: S) -> Result where S.Element == Result {
        var index: Int?
        for result in results {
            guard result.matches else { return (false, nil) }
            if let position = result.index { index = position }
        }
        return (true, index)
    }

    /// `$elemMatch` looks at an array whole; the position is that of its first matching element.
    private static func elementIndex(_ predicate: CompiledPredicate, _ value: BSONValue?) -> Int? {
        guard case .array(let items)? = value else { return nil }
        switch predicate {
        case .elemMatchObject, .elemMatchValue:
            return items.indices.first { predicate.matches(value: .array([items[$0]])) }
        default:
            return nil
        }
    }
}
