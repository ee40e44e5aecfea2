import BSON

/// `PathTraversal` that also hands each reached value the position it had in the outermost array the
/// path fanned out over (nil when none), for the positional `$` operator. Elements addressed by an
/// explicit position in the path ("a.1") are not a fan-out and record nothing.
enum PositionalTraversal {
    typealias Visitor = (BSONValue?, Int?) -> Bool

    static func visit(_ document: Document, _ path: FieldPath, expandLeafArrays: Bool, _ body: Visitor) -> Bool {
        visit(document, path.components[...], expandLeafArrays, nil, body)
    }

    private static func visit(
        _ document: Document, _ path: ArraySlice<FieldPath.Component>, _ expand: Bool, _ outer: Int?, _ body: Visitor
    ) -> Bool {
        var current = document
        var index = path.startIndex
        while true {
            guard let value = current[path[index].name] else { return body(.none, outer) }
            let isLast = index == path.endIndex - 1
            switch value {
            case .array(let items):
                return visitArray(items, path[(index + 1)...], expand, outer, body)
            case .document(let next) where !isLast:
                current = next
                index += 1
            default:
                return body(isLast ? .some(value) : .none, outer)
            }
        }
    }

    private static func visitArray(
        _ items: [BSONValue], _ rest: ArraySlice<FieldPath.Component>, _ expand: Bool, _ outer: Int?, _ body: Visitor
    ) -> Bool {
        if rest.isEmpty {
            if expand {
                for (position, item) in items.enumerated() where body(item, outer ?? position) { return true }
            }
            return body(.array(items), outer)
        }
        return visitElements(items, rest, expand, outer, body)
    }

    private static func visitElements(
        _ items: [BSONValue], _ rest: ArraySlice<FieldPath.Component>, _ expand: Bool, _ outer: Int?, _ body: Visitor
    ) -> Bool {
        let next = rest[rest.startIndex]
        let afterNext = rest.dropFirst()
        for (position, item) in items.enumerated() {
            let isAddressed = next.arrayIndex == position
            if case .document(let element) = item {
                if visit(element, rest, expand, outer ?? position, body) { return true }
                if isAddressed {
                    if afterNext.isEmpty {
                        if body(item, outer) { return true }
                    } else if visit(element, afterNext, expand, outer, body) {
                        return true
                    }
                }
            } else if isAddressed {
                if afterNext.isEmpty {
                    if body(item, outer) { return true }
                } else if case .array(let inner) = item, visitElements(inner, afterNext, expand, outer, body) {
                    return true
                }
            }
        }
        return false
    }
}
