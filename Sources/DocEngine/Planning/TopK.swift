import BSON

/// Keeps the first `capacity` elements (documents, or documents with their record ids) in sort order of everything offered, in O(n log k) comparisons,
/// so a sort with a limit never holds the whole collection.
struct TopK<Element> {
    let capacity: Int
    let areInIncreasingOrder: (Element, Element) -> Bool
    private(set) var items: [Element] = []

    init(capacity: Int, areInIncreasingOrder: @escaping (Element, Element) -> Bool) {
        self.capacity = capacity
        self.areInIncreasingOrder = areInIncreasingOrder
    }

    /// Whether the document was kept, and the one it pushed out, if any (callers that bound memory need both).
    @discardableResult
    mutating func offer(_ document: Element) -> (kept: Bool, evicted: Element?) {
        guard capacity > 0 else { return (false, nil) }
        if items.count == capacity, let last = items.last, !areInIncreasingOrder(document, last) { return (false, nil) }
        // Insert after equal elements, which keeps the sort stable for documents offered in scan order.
        var low = 0
        var high = items.count
        while low < high {
            let mid = (low + high) / 2
            if areInIncreasingOrder(document, items[mid]) { high = mid } else { low = mid + 1 }
        }
        items.insert(document, at: low)
        return (true, items.count > capacity ? items.removeLast() : nil)
    }
}
