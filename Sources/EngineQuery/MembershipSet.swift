import BSON

/// The operand list of `$in`: equality with any listed value (a listed null also matches missing and
/// undefined), or a match of any listed regex.
struct MembershipSet: Sendable {
    private let values: [BSONValue]
    private let regexes: [RegexMatcher]
    /// Long lists are looked up by index-key bytes, which are equal exactly when the values compare
    /// equal; short ones are scanned, which is cheaper than encoding.
    private let encoded: Set<[UInt8]>?

    init(_ members: [BSONValue]) throws(EngineError) {
        var values: [BSONValue] = []
        var regexes: [RegexMatcher] = []
        for member in members {
            if case .regex(let pattern, let options) = member {
                regexes.append(try RegexMatcher(pattern: pattern, options: options))
            } else {
                values.append(member)
            }
        }
        self.values = values
        self.regexes = regexes
        encoded = values.count > 8 ? Set(values.map(IndexKey.encode)) : nil
    }

    func contains(_ element: BSONValue?) -> Bool {
        let value = element ?? .null
        if let encoded {
            if encoded.contains(IndexKey.encode(value)) { return true }
        } else if values.contains(where: { BSONOrder.compare(value, $0) == 0 }) {
            return true
        }
        guard let element else { return false }
        return regexes.contains { $0.matches(element) }
    }
}
