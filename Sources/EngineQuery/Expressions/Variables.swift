import BSON

/// The variables an expression sees: `ROOT` and `CURRENT` (the document), `NOW`, `REMOVE` (missing), and user
/// variables bound by `$let`, `$map`, `$filter` and `$reduce`. Bindings are few and nested, so they live in
/// a small stack searched from the top: no hashing per evaluated document.
struct Variables {
    private let root: BSONValue
    private let now: Int64
    private var bindings: [(name: String, value: BSONValue?)] = []

    init(root: Document, now: Int64) {
        self.root = .document(root)
        self.now = now
    }

    /// The variable's value; nil for `REMOVE` (and for a binding whose value was missing).
    func value(_ name: String) -> BSONValue? {
        for binding in bindings.reversed() where binding.name == name { return binding.value }
        switch name {
        case "ROOT", "CURRENT": return root
        case "NOW": return .datetime(now)
        default: return nil
        }
    }

    mutating func bind(_ name: String, _ value: BSONValue?) {
        bindings.append((name, value))
    }

    /// Runs `body` with `name` bound to `value`, then drops the binding again.
    mutating func with<T>(_ name: String, _ value: BSONValue?, _ body: (inout Variables) throws(EngineError) -> T)
        throws(EngineError) -> T
    {
        bindings.append((name, value))
        defer { bindings.removeLast() }
        return try body(&self)
    }
}
