import BSON
import EngineQuery

/// Turns per-field conditions into byte bounds over an index's concatenated keys. Key components are
/// prefix-free and start with their type-bracket tag; a descending component is the complement of the
/// ascending one. So "every key starting with X" is [X, successor(X)).
enum KeyBounds {
    static func component(_ value: BSONValue, ascending: Bool) -> [UInt8] {
        let bytes = IndexKey.encode(value)
        return ascending ? bytes : bytes.map { ~$0 }
    }

    /// The smallest byte string greater than every string that starts with `prefix`; nil if none exists.
    static func successor(_ prefix: [UInt8]) -> [UInt8]? { IndexKey.prefixSuccessor(prefix) }

    /// Bounds for keys that start with `prefix` and whose next component satisfies the lower/upper
    /// conditions (value space) on a field indexed `ascending`.
    static func range(
        prefix: [UInt8], ascending: Bool, lower: [Predicates.Bound], upper: [Predicates.Bound]
    ) -> (lower: [UInt8], upper: [UInt8]?) {
        var keyLower: [[UInt8]] = []
        var keyUpper: [[UInt8]?] = []
        // Each condition keeps the scan inside its value's type bracket, as MongoDB's comparisons do.
        for bound in lower + upper {
            let tag = IndexKey.typeTag(of: bound.value)
            let bracket = prefix + [ascending ? tag : ~tag]
            keyLower.append(bracket)
            keyUpper.append(successor(bracket))
        }
        for bound in lower {
            let key = prefix + component(bound.value, ascending: ascending)
            if ascending {
                keyLower.append(bound.inclusive ? key : (successor(key) ?? key))
            } else {
                keyUpper.append(bound.inclusive ? successor(key) : key)
            }
        }
        for bound in upper {
            let key = prefix + component(bound.value, ascending: ascending)
            if ascending {
                keyUpper.append(bound.inclusive ? successor(key) : key)
            } else {
                keyLower.append(bound.inclusive ? key : (successor(key) ?? key))
            }
        }
        let low = keyLower.max { $0.lexicographicallyPrecedes($1) } ?? prefix
        let high = keyUpper.reduce(successor(prefix) as [UInt8]?) { current, candidate in
            guard let candidate else { return current }
            guard let current else { return candidate }
            return candidate.lexicographicallyPrecedes(current) ? candidate : current
        }
        return (low, high)
    }
}
