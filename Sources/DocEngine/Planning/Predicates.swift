import BSON
import EngineQuery

/// The conditions of a filter's top-level conjunction, grouped by path: what an index can narrow on.
/// Anything else in the filter (an `$or`, a `$ne`…) is left to the residual match.
struct Predicates {
    struct Bound {
        let value: BSONValue
        let inclusive: Bool
    }

    private(set) var equalities: [String: BSONValue] = [:]
    private(set) var lowerBounds: [String: [Bound]] = [:]
    private(set) var upperBounds: [String: [Bound]] = [:]
    /// The literal start every matching string has, from a prefix-anchored regex (`/^abc/`).
    private(set) var stringPrefixes: [String: String] = [:]
    /// `$in` lists an index can read as one point per value: every value an indexable equality.
    private(set) var memberships: [String: [BSONValue]] = [:]

    /// Longer `$in` lists are matched by a scan rather than one index seek per value.
    static let maxMembershipPoints = 1_000

    init(_ filter: Filter) {
        collect(filter.root)
    }

    private mutating func collect(_ node: FilterNode) {
        switch node {
        case .and(let children): children.forEach { collect($0) }
        case .field(let path, let predicate): collect(path, predicate)
        default: break
        }
    }

    private mutating func collect(_ path: String, _ predicate: FieldPredicate) {
        switch predicate {
        case .eq(let value) where Self.isIndexableEquality(value):
            if equalities[path] == nil { equalities[path] = value }
        case .gt(let value) where Self.isRangeable(value):
            lowerBounds[path, default: []].append(Bound(value: value, inclusive: false))
        case .gte(let value) where Self.isRangeable(value):
            lowerBounds[path, default: []].append(Bound(value: value, inclusive: true))
        case .lt(let value) where Self.isRangeable(value):
            upperBounds[path, default: []].append(Bound(value: value, inclusive: false))
        case .lte(let value) where Self.isRangeable(value):
            upperBounds[path, default: []].append(Bound(value: value, inclusive: true))
        case .in(let values)
            where !values.isEmpty && values.count <= Self.maxMembershipPoints && values.allSatisfy(Self.isIndexableEquality):
            if memberships[path] == nil { memberships[path] = values }
        case .regex(let pattern, let options), .eq(.regex(let pattern, let options)):
            if let prefix = RegexPrefix.literalPrefix(pattern: pattern, options: options) { stringPrefixes[path] = prefix }
        case .and(let predicates):
            predicates.forEach { collect(path, $0) }
        default:
            break
        }
    }

    /// Equality on a non-multikey index is one exact key, except for regexes (a pattern match) and arrays
    /// (which also match documents holding the value as an element).
    private static func isIndexableEquality(_ value: BSONValue) -> Bool {
        switch value {
        case .regex, .array, .minKey, .maxKey: false
        default: true
        }
    }

    /// Ranges stay within one type bracket for these types, so bounds are that bracket clipped by the value.
    private static func isRangeable(_ value: BSONValue) -> Bool {
        switch value {
        case .int32, .int64, .string, .objectId, .bool, .datetime, .timestamp: true
        case .double(let d): !d.isNaN
        default: false
        }
    }

    func hasRange(on path: String) -> Bool {
        lowerBounds[path] != nil || upperBounds[path] != nil || stringPrefixes[path] != nil
    }
}
