import BSON

/// A deliberately plain model of MongoDB's update operators for the differential test: documents as
/// ordered lists of (name, value) pairs, each (path, operator) applied on its own in sorted path order,
/// value order from `ReferenceOrder`. It covers $set, $unset, $inc, $push, $addToSet, $pull (plain
/// values), $pop, $min, $max, $mul and $rename on field, array-position and `$[]` paths.
enum ReferenceUpdater {
    enum Op {
        case set(BSONValue), unset, inc(BSONValue), push(BSONValue), addToSet(BSONValue), pull(BSONValue)
        case pop(first: Bool), min(BSONValue), max(BSONValue), mul(BSONValue)
        /// `$rename` from this path to `to`.
        case rename(to: String)
        /// The second half of a rename: set the value the source had before the update.
        case renamedValue(BSONValue?)
    }

    /// The error code a refused update gets.
    struct Failure: Error { let code: Int32 }

    indirect enum Node {
        case fields([(String, Node)])
        case items([Node])
        case scalar(BSONValue)

        init(_ value: BSONValue) {
            switch value {
            case .document(let d): self = .fields(d.elements.map { ($0.key, Node($0.value)) })
            case .array(let a): self = .items(a.map(Node.init))
            default: self = .scalar(value)
            }
        }

        var value: BSONValue {
            switch self {
            case .fields(let pairs): .document(Document(pairs.map { ($0.0, $0.1.value) }))
            case .items(let nodes): .array(nodes.map(\.value))
            case .scalar(let v): v
            }
        }
    }

    static func apply(_ updates: [(path: String, op: Op)], to document: Document) throws(Failure) -> Document {
        var split = updates.map { (parts: $0.path.split(separator: ".").map(String.init), op: $0.op) }
        // A rename claims both of its paths.
        for case (_, .rename(let to)) in split {
            split.append((to.split(separator: ".").map(String.init), .renamedValue(nil)))
        }
        for i in split.indices {
            for j in split.indices where i != j {
                let a = split[i].parts
                let b = split[j].parts
                if a.count <= b.count, Array(b.prefix(a.count)) == a { throw Failure(code: 40) }
                // Below a shared prefix, `$[]` beside a field name needs the array both ways.
                if let k = a.indices.first(where: { $0 < b.count && a[$0] != b[$0] }), (a[k] == "$[]") != (b[k] == "$[]") {
                    throw Failure(code: 40)
                }
            }
        }
        var root: Node? = Node(.document(document))
        var sources: [[String]] = []
        var work: [(parts: [String], op: Op)] = []
        for update in split {
            switch update.op {
            case .renamedValue:
                continue
            case .rename(let to):
                let target = to.split(separator: ".").map(String.init)
                guard let value = try renameSource(update.parts, in: root) else { continue }
                if arrayOnTheWay(target, in: root) { throw Failure(code: 2) }
                sources.append(update.parts)
                work.append((target, .renamedValue(value)))
            default:
                work.append(update)
            }
        }
        for update in work.sorted(by: { lessPath($0.parts, $1.parts) }) {
            try apply(update.op, at: update.parts[...], to: &root)
        }
        for source in sources { try apply(.unset, at: source[...], to: &root) }
        guard case .document(let result)? = root?.value else { return document }
        return result
    }

    /// The value at a rename's source; a source reached through an array is refused.
    private static func renameSource(_ parts: [String], in root: Node?) throws(Failure) -> BSONValue? {
        var current = root
        var passedArray = false
        for part in parts {
            switch current {
            case .fields(let pairs)?:
                current = pairs.first { $0.0 == part }?.1
            case .items(let items)?:
                passedArray = true
                guard let index = Int(part), String(index) == part, index < items.count else { return nil }
                current = items[index]
            default:
                return nil
            }
        }
        guard let found = current else { return nil }
        if passedArray { throw Failure(code: 2) }
        return found.value
    }

    /// Whether a rename's destination would go through an existing array.
    private static func arrayOnTheWay(_ parts: [String], in root: Node?) -> Bool {
        var current = root
        for part in parts.dropLast() {
            switch current {
            case .fields(let pairs)?: current = pairs.first { $0.0 == part }?.1
            case .items?: return true
            default: return false
            }
        }
        if case .items? = current { return true }
        return false
    }

    private static func lessPath(_ a: [String], _ b: [String]) -> Bool {
        for (x, y) in zip(a, b) where x != y {
            if let i = Int(x), let j = Int(y), String(i) == x, String(j) == y { return i < j }
            return Array(x.utf8).lexicographicallyPrecedes(Array(y.utf8))
        }
        return a.count < b.count
    }

    private static func creates(_ op: Op) -> Bool {
        switch op {
        case .unset, .pull, .pop, .rename: false
        case .renamedValue(let value): value != nil
        default: true
        }
    }

    /// `node` nil means the path is missing; setting it nil removes the field.
    private static func apply(_ op: Op, at parts: ArraySlice<String>, to node: inout Node?) throws(Failure) {
        guard let name = parts.first else {
            node = try leaf(op, node)
            return
        }
        let rest = parts.dropFirst()
        if name == "$[]" {
            guard case .items(var items)? = node else { throw Failure(code: 2) }
            for index in items.indices {
                var child: Node? = items[index]
                try apply(op, at: rest, to: &child)
                items[index] = child ?? .scalar(.null)
            }
            node = .items(items)
            return
        }
        // `$[]` further down needs an existing array, whatever the operator.
        let needsArray = rest.contains("$[]")
        switch node {
        case nil:
            if needsArray { throw Failure(code: 2) }
            guard creates(op) else { return }
            var child: Node? = nil
            try apply(op, at: rest, to: &child)
            if let child { node = .fields([(name, child)]) }
        case .fields(var pairs)?:
            if let index = pairs.firstIndex(where: { $0.0 == name }) {
                var child: Node? = pairs[index].1
                try apply(op, at: rest, to: &child)
                if let child { pairs[index].1 = child } else { pairs.remove(at: index) }
            } else {
                var child: Node? = nil
                try apply(op, at: rest, to: &child)
                if let child { pairs.append((name, child)) }
            }
            node = .fields(pairs)
        case .items(var items)?:
            guard let index = Int(name), String(index) == name else {
                if needsArray { throw Failure(code: 2) }
                if case .unset = op { return }
                throw Failure(code: 28)
            }
            if index < items.count {
                var child: Node? = items[index]
                try apply(op, at: rest, to: &child)
                items[index] = child ?? .scalar(.null)
            } else {
                var child: Node? = nil
                try apply(op, at: rest, to: &child)
                guard let child else { return }
                while items.count < index { items.append(.scalar(.null)) }
                items.append(child)
            }
            node = .items(items)
        case .scalar?:
            if needsArray { throw Failure(code: 2) }
            if case .unset = op { return }
            throw Failure(code: 28)
        }
    }

    private static func leaf(_ op: Op, _ existing: Node?) throws(Failure) -> Node? {
        guard let existing else {
            switch op {
            case .set(let v), .inc(let v), .min(let v), .max(let v), .renamedValue(let v?): return Node(v)
            case .mul(let v): return .scalar(try multiply(.int32(0), v))
            case .push(let v), .addToSet(let v): return .items([Node(v)])
            case .unset, .pull, .pop, .rename, .renamedValue(nil): return nil
            }
        }
        let current = existing.value
        switch op {
        case .set(let v), .renamedValue(let v?): return Node(v)
        case .rename, .renamedValue(nil): return existing
        case .unset: return nil
        case .mul(let v): return .scalar(try multiply(current, v))
        case .inc(let v): return .scalar(try add(current, v))
        case .min(let v): return ReferenceOrder.compare(v, current) < 0 ? Node(v) : existing
        case .max(let v): return ReferenceOrder.compare(v, current) > 0 ? Node(v) : existing
        case .push(let v):
            guard case .items(let items) = existing else { throw Failure(code: 2) }
            return .items(items + [Node(v)])
        case .addToSet(let v):
            guard case .items(let items) = existing else { throw Failure(code: 2) }
            if items.contains(where: { ReferenceOrder.compare($0.value, v) == 0 }) { return existing }
            return .items(items + [Node(v)])
        case .pull(let v):
            guard case .items(let items) = existing else { throw Failure(code: 2) }
            return .items(items.filter { ReferenceOrder.compare($0.value, v) != 0 })
        case .pop(let first):
            guard case .items(var items) = existing else { throw Failure(code: 14) }
            if !items.isEmpty { if first { items.removeFirst() } else { items.removeLast() } }
            return .items(items)
        }
    }

    /// int32 + int32 widens to int64 on overflow, int64 overflow fails, a double makes a double.
    private static func add(_ a: BSONValue, _ b: BSONValue) throws(Failure) -> BSONValue {
        switch (a, b) {
        case (.double(let x), _): if let y = asDouble(b) { return .double(x + y) }
        case (_, .double(let y)): if let x = asDouble(a) { return .double(x + y) }
        case (.int32(let x), .int32(let y)): return .int64(Int64(x) + Int64(y)).narrowed
        default: break
        }
        guard let x = asInt(a), let y = asInt(b) else { throw Failure(code: 14) }
        let (sum, overflow) = x.addingReportingOverflow(y)
        if overflow { throw Failure(code: 2) }
        return .int64(sum)
    }

    /// int32 × int32 widens to int64 on overflow, int64 overflow fails, a double makes a double.
    private static func multiply(_ a: BSONValue, _ b: BSONValue) throws(Failure) -> BSONValue {
        switch (a, b) {
        case (.double(let x), _): if let y = asDouble(b) { return .double(x * y) }
        case (_, .double(let y)): if let x = asDouble(a) { return .double(x * y) }
        case (.int32(let x), .int32(let y)): return .int64(Int64(x) * Int64(y)).narrowed
        default: break
        }
        guard let x = asInt(a), let y = asInt(b) else { throw Failure(code: 14) }
        let (product, overflow) = x.multipliedReportingOverflow(by: y)
        if overflow { throw Failure(code: 2) }
        return .int64(product)
    }

    private static func asDouble(_ v: BSONValue) -> Double? {
        switch v {
        case .int32(let i): Double(i)
        case .int64(let i): Double(i)
        case .double(let d): d
        default: nil
        }
    }

    private static func asInt(_ v: BSONValue) -> Int64? {
        switch v {
        case .int32(let i): Int64(i)
        case .int64(let i): i
        default: nil
        }
    }
}

extension BSONValue {
    /// An int64 sum of two int32s stays int32 when it fits.
    fileprivate var narrowed: BSONValue {
        if case .int64(let v) = self, let small = Int32(exactly: v) { return .int32(small) }
        return self
    }
}
