import BSON

/// The `$sort` of a `$push`: whole elements by 1/-1, or by the fields of a pattern document.
struct PushSort: Sendable {
    /// Each field with its direction; an empty path sorts by the element itself.
    let keys: [(path: String, ascending: Bool)]

    init(_ value: BSONValue) throws(EngineError) {
        switch value {
        case .document(let pattern):
            guard !pattern.isEmpty else {
                throw EngineError(.badValue, "The $sort pattern is empty when it should be a set of fields.")
            }
            var keys: [(path: String, ascending: Bool)] = []
            for (path, direction) in pattern {
                guard let ascending = Self.direction(direction) else {
                    throw EngineError(.badValue, "The $sort element value must be either 1 or -1")
                }
                if path.dottedPathComponents().contains(where: \.isEmpty) {
                    throw EngineError(.badValue, "The $sort field is a dotted field but has an empty part: \(path)")
                }
                keys.append((path, ascending))
            }
            self.keys = keys
        case .int32, .int64, .double, .decimal128:
            guard let ascending = Self.direction(value) else {
                throw EngineError(.badValue, "The $sort element value must be either 1 or -1")
            }
            keys = [("", ascending)]
        default:
            throw EngineError(
                .badValue,
                "The $sort is invalid: use 1/-1 to sort the whole element, or {field:1/-1} to sort embedded fields")
        }
    }

    private static func direction(_ value: BSONValue) -> Bool? {
        let number = value.doubleValue ?? (value.isNumber ? (value.decimal128Double ?? 0) : 0)
        return number == 1 ? true : (number == -1 ? false : nil)
    }

    /// A stable sort, so equal elements keep the order they were pushed in.
    func sorted(_ items: [BSONValue]) -> [BSONValue] {
        let keyed = items.enumerated().map { (offset: $0.offset, value: $0.element) }
        return keyed.sorted { a, b in
            let order = compare(a.value, b.value)
            return order != 0 ? order < 0 : a.offset < b.offset
        }.map(\.value)
    }

    private func compare(_ a: BSONValue, _ b: BSONValue) -> Int {
        for key in keys {
            let order = BSONOrder.compare(Self.sortValue(a, key.path), Self.sortValue(b, key.path))
            if order != 0 { return key.ascending ? order : -order }
        }
        return 0
    }

    /// The value a pattern field picks out of an element; missing (or a non-document element) sorts as null.
    private static func sortValue(_ element: BSONValue, _ path: String) -> BSONValue {
        if path.isEmpty { return element }
        guard case .document(let document) = element else { return .null }
        return document.value(atPath: path) ?? .null
    }
}

extension BSONValue {
    fileprivate var decimal128Double: Double? {
        if case .decimal128(let d) = self { return d.approximateDouble }
        return nil
    }
}
