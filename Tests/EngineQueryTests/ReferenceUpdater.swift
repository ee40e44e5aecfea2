import BSON

/// A deliberately plain model of MongoDB's update operators for the differential test: documents as
/// ordered lists of (name, value) pairs, each (path, operator) applied on its own in sorted path order,
/// value order from `ReferenceOrder`. It covers $set, $unset, $inc, $push, $addToSet, $pull (plain
/// values), $pop, $min and $max on field and array-position paths.
enum ReferenceUpdater {
    enum Op {
        case set(BSONValue), unset, inc(BSONValue), push(BSONValue), addToSet(BSONValue), pull(BSONValue)
        case pop(first: Bool), min(BSONValue), max(BSONValue)
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
        let split = updates.map { (parts: $0.path.split(separator: ".").map(String.init), op: $0.op) }
        for i in split.indices {
            for j in split.indices where i != j {
                let a = split[i].parts
                let b = split[j].parts
                if a.count <= b.count, Array(b.prefix(a.count)) == a { throw Failure(code: 40) }
            }
        }
        let ordered = split.sorted { lessPath($0.parts, $1.parts) }
        var root: Node? = Node(.document(document))
        for update in ordered { try apply(update.op, at: update.parts[...], to: &root) }
        guard case .document(let result)? = root?.value else { return document }
        return result
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
        case .unset, .pull, .pop: false
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
        switch node {
        case nil:
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
            if case .unset = op { return }
            throw Failure(code: 28)
        }
    }

    private static func leaf(_ op: Op, _ existing: Node?) throws(Failure) -> Node? {
        guard let existing else {
            switch op {
            case .set(let v), .inc(let v), .min(let v), .max(let v): return Node(v)
            case .push(let v), .addToSet(let v): return .items([Node(v)])
            case .unset, .pull, .pop: return nil
            }
        }
        let current = existing.value
        switch op {
        case .set(let v): return Node(v)
        case .unset: return nil
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
