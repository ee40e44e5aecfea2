import BSON

/// The variables an expression sees: `ROOT` and `CURRENT` (the document), `REMOVE` (missing), and user
/// variables bound by `$let`, `$map` and `$filter`. Bindings are scoped by saving and restoring.
struct Variables {
    private var values: [String: BSONValue]

    init(root: Document) {
        values = ["ROOT": .document(root), "CURRENT": .document(root)]
    }

    /// The variable's value; nil for `REMOVE`.
    func value(_ name: String) -> BSONValue? {
        values[name]
    }

    mutating func bind(_ name: String, _ value: BSONValue?) {
        values[name] = value
    }

    /// Runs `body` with `name` bound to `value`, then restores what was there before.
    mutating func with<T>(_ name: String, _ value: BSONValue?, _ body: (inout Variables) throws(EngineError) -> T)
        throws(EngineError) -> T
    {
        let saved = values[name]
        values[name] = value
        defer { values[name] = saved }
        return try body(&self)
    }
}
