import BSON

/// The values a query path reaches in a document, in MongoDB's matching semantics:
/// - documents are stepped into by name;
/// - an array met before the path ends fans out: each element that is a document continues the
///   path; if the next component is a position ("a.0.b"), the element at that index continues it too;
///   elements that are neither yield nothing, so `{a: [1]}` reaches no value at "a.b";
/// - an array at the end of the path yields each element and then the array itself (unless
///   `expandLeafArrays` is false, for operators such as $size that look at arrays whole);
/// - `.none` stands for a missing field (spelled out: a bare `nil` would become BSON null), yielded where a document lacks the next name.
/// Visiting stops as soon as `body` returns true, and `visit` returns whether that happened.
enum PathTraversal {
    typealias Visitor = (BSONValue?) -> Bool

    static func visit(_ document: Document, _ path: FieldPath, expandLeafArrays: Bool, _ body: Visitor) -> Bool {
        visit(document, path.components[...], expandLeafArrays, body)
    }

    private static func visit(
        _ document: Document, _ path: ArraySlice<FieldPath.Component>, _ expand: Bool, _ body: Visitor
    ) -> Bool {
        var current = document
        var index = path.startIndex
        while true {
            guard let value = current[path[index].name] else { return body(.none) }
            let isLast = index == path.endIndex - 1
            switch value {
            case .array(let items):
                return visitArray(items, path[(index + 1)...], expand, body)
            case .document(let next) where !isLast:
                current = next
                index += 1
            default:
                // A scalar before the end of the path means the path reaches nothing there.
                return body(isLast ? .some(value) : .none)
            }
        }
    }

    private static func visitArray(
        _ items: [BSONValue], _ rest: ArraySlice<FieldPath.Component>, _ expand: Bool, _ body: Visitor
    ) -> Bool {
        if rest.isEmpty {
            if expand {
                for item in items where body(item) { return true }
            }
            return body(.array(items))
        }
        return visitElements(items, rest, expand, body)
    }

    /// The elements of an array the path continues through (`rest` is not empty).
    private static func visitElements(
        _ items: [BSONValue], _ rest: ArraySlice<FieldPath.Component>, _ expand: Bool, _ body: Visitor
    ) -> Bool {
        let next = rest[rest.startIndex]
        let afterNext = rest.dropFirst()
        for (position, item) in items.enumerated() {
            let isAddressed = next.arrayIndex == position
            if case .document(let element) = item {
                if visit(element, rest, expand, body) { return true }
                if isAddressed {
                    if afterNext.isEmpty {
                        if body(item) { return true }
                    } else if visit(element, afterNext, expand, body) {
                        return true
                    }
                }
            } else if isAddressed {
                if afterNext.isEmpty {
                    if body(item) { return true }
                } else if case .array(let inner) = item, visitElements(inner, afterNext, expand, body) {
                    return true
                }
            }
        }
        return false
    }
}
