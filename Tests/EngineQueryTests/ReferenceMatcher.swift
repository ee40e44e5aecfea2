import BSON

/// A plain model of MongoDB query matching for the operators the differential test generates. It
/// collects every value a path reaches into a list, then applies the operator's rule to the list.
indirect enum ReferencePredicate: CustomStringConvertible {
    case eq(BSONValue), ne(BSONValue), gt(BSONValue), gte(BSONValue), lt(BSONValue), lte(BSONValue)
    case isIn([BSONValue]), notIn([BSONValue])
    case exists(Bool)
    case not(ReferencePredicate)
    case both(ReferencePredicate, ReferencePredicate)

    /// The operator document for this predicate, `{$gt: 5}` and the like.
    var operatorDocument: Document {
        switch self {
        case .eq(let v): ["$eq": v]
        case .ne(let v): ["$ne": v]
        case .gt(let v): ["$gt": v]
        case .gte(let v): ["$gte": v]
        case .lt(let v): ["$lt": v]
        case .lte(let v): ["$lte": v]
        case .isIn(let vs): ["$in": .array(vs)]
        case .notIn(let vs): ["$nin": .array(vs)]
        case .exists(let b): ["$exists": .bool(b)]
        case .not(let p): ["$not": .document(p.operatorDocument)]
        case .both(let p, let q): Document(p.operatorDocument.elements.map { ($0.key, $0.value) }
            + q.operatorDocument.elements.map { ($0.key, $0.value) })
        }
    }

    var description: String { operatorDocument.description }
}

indirect enum ReferenceFilter: CustomStringConvertible {
    case field(String, ReferencePredicate, implicit: Bool)
    case and([ReferenceFilter]), or([ReferenceFilter]), nor([ReferenceFilter])
    /// Several fields side by side in one document (an implicit and).
    case fields([ReferenceFilter])

    var document: Document {
        switch self {
        case .field(let path, let predicate, let implicit):
            if implicit, case .eq(let v) = predicate { return [path: v] }
            return [path: .document(predicate.operatorDocument)]
        case .and(let children): return ["$and": .array(children.map { .document($0.document) })]
        case .or(let children): return ["$or": .array(children.map { .document($0.document) })]
        case .nor(let children): return ["$nor": .array(children.map { .document($0.document) })]
        case .fields(let children):
            return Document(children.flatMap { $0.document.elements.map { ($0.key, $0.value) } })
        }
    }

    var description: String { document.description }

    func matches(_ doc: Document) -> Bool {
        switch self {
        case .field(let path, let predicate, _):
            return ReferenceMatcher.holds(predicate, doc, path.split(separator: ".", omittingEmptySubsequences: false).map(String.init))
        case .and(let children), .fields(let children): return children.allSatisfy { $0.matches(doc) }
        case .or(let children): return children.contains { $0.matches(doc) }
        case .nor(let children): return !children.contains { $0.matches(doc) }
        }
    }
}

enum ReferenceMatcher {
    static func holds(_ predicate: ReferencePredicate, _ doc: Document, _ path: [String]) -> Bool {
        let reached = reach(.document(doc), path[...])
        switch predicate {
        case .eq(let v): return reached.contains { compares($0, v, allowed: [0]) }
        case .gt(let v): return reached.contains { compares($0, v, allowed: [1]) }
        case .gte(let v): return reached.contains { compares($0, v, allowed: [0, 1]) }
        case .lt(let v): return reached.contains { compares($0, v, allowed: [-1]) }
        case .lte(let v): return reached.contains { compares($0, v, allowed: [-1, 0]) }
        case .ne(let v): return !holds(.eq(v), doc, path)
        case .isIn(let vs): return reached.contains { x in vs.contains { ReferenceOrder.compare(x ?? .null, $0) == 0 } }
        case .notIn(let vs): return !holds(.isIn(vs), doc, path)
        case .exists(let b):
            return reached.contains { if case .some = $0 { true } else { false } } == b
        case .not(let p): return !holds(p, doc, path)
        case .both(let p, let q): return holds(p, doc, path) && holds(q, doc, path)
        }
    }

    /// Whether value `x` (nil: missing, compared as null) stands in one of the `allowed` orders to `v`.
    private static func compares(_ x: BSONValue?, _ v: BSONValue, allowed: Set<Int>) -> Bool {
        let value = x ?? .null
        if ReferenceOrder.rank(value) != ReferenceOrder.rank(v) {
            // MaxKey is above and MinKey below every other type.
            if case .maxKey = v { return allowed.contains(-1) }
            if case .minKey = v { return allowed.contains(1) }
            return false
        }
        let nanX = isNaN(value)
        let nanV = isNaN(v)
        if allowed != [0] && (nanX || nanV) {
            return nanX && nanV && allowed.contains(0)
        }
        return allowed.contains(ReferenceOrder.compare(value, v))
    }

    private static func isNaN(_ v: BSONValue) -> Bool {
        if case .double(let d) = v { return d.isNaN }
        return false
    }

    /// Every value `path` reaches from `value`; nil marks a missing field.
    static func reach(_ value: BSONValue?, _ path: ArraySlice<String>) -> [BSONValue?] {
        guard let value else { return [.none] }
        guard let head = path.first else {
            if case .array(let items) = value { return items.map { Optional($0) } + [value] }
            return [value]
        }
        switch value {
        case .document(let d): return reach(d[head], path.dropFirst())
        case .array(let items): return reachInArray(items, path)
        default: return [.none]
        }
    }

    private static func reachInArray(_ items: [BSONValue], _ path: ArraySlice<String>) -> [BSONValue?] {
        let head = path.first!
        let tail = path.dropFirst()
        var out: [BSONValue?] = []
        for (i, item) in items.enumerated() {
            if case .document = item { out += reach(item, path) }
            guard head == String(i) else { continue }
            if tail.isEmpty {
                out.append(item)
            } else if case .document = item {
                out += reach(item, tail)
            } else if case .array(let inner) = item {
                out += reachInArray(inner, tail)
            }
        }
        return out
    }
}
