import BSON

/// What each operator does to the value at its path, or where the path is missing.
struct LeafApplier {
    let context: UpdateContext
    /// The document's `_id` as mongod prints it in messages (`_id: 1`), or "no id".
    let idDescription: String
    /// `$rename` source values, read before the update ran, by source path.
    let renamedValues: [String: BSONValue]

    func apply(
        _ leaf: UpdateLeaf, to existing: BSONValue, name: String, path: [String]
    ) throws(EngineError) -> UpdateApplier.Outcome {
        switch leaf {
        case .set(let value):
            return replacing(existing, with: value)
        case .setOnInsert(let value):
            return context.isInsert ? replacing(existing, with: value) : .unchanged
        case .unset:
            return .removed
        case .inc(let operand):
            return replacing(existing, with: try arithmetic(.add, "$inc", existing, operand, name))
        case .mul(let operand):
            return replacing(existing, with: try arithmetic(.multiply, "$mul", existing, operand, name))
        case .min(let value):
            return BSONOrder.compare(value, existing) < 0 ? .replaced(value) : .unchanged
        case .max(let value):
            return BSONOrder.compare(value, existing) > 0 ? .replaced(value) : .unchanged
        case .currentDate(let asTimestamp):
            return replacing(existing, with: currentDate(asTimestamp))
        case .bit(let operations):
            guard let result = bitwise(operations, existing) else {
                throw EngineError(
                    .badValue,
                    "Cannot apply $bit to a value of non-integral type.\(idDescription) has the field \(name) of non-integer type \(existing.typeName)")
            }
            return replacing(existing, with: result)
        case .push(let clause):
            guard case .array(let items) = existing else {
                throw EngineError(
                    .badValue,
                    "The field '\(path.joined(separator: "."))' must be an array but is of type \(existing.typeName) in document {\(idDescription)}")
            }
            return replacing(existing, with: .array(clause.applied(to: items)))
        case .addToSet(let values):
            guard case .array(let items) = existing else {
                throw EngineError(
                    .badValue,
                    "Cannot apply $addToSet to non-array field. Field named '\(name)' has non-array type \(existing.typeName)")
            }
            let added = Self.distinct(values, excluding: items)
            return added.isEmpty ? .unchanged : .replaced(.array(items + added))
        case .pull(let condition):
            return try culling(existing) { condition.removes($0) }
        case .pullAll(let values):
            return try culling(existing) { element in values.contains { BSONOrder.compare(element, $0) == 0 } }
        case .pop(let fromFront):
            guard case .array(let items) = existing else {
                throw EngineError(
                    .typeMismatch,
                    "Path '\(path.joined(separator: "."))' contains an element of non-array type '\(existing.typeName)'")
            }
            if items.isEmpty { return .unchanged }
            return .replaced(.array(fromFront ? Array(items.dropFirst()) : Array(items.dropLast())))
        case .renameTarget(let source):
            guard let value = renamedValues[source.dotted] else { return .unchanged }
            return replacing(existing, with: value)
        case .renameSource:
            // Removed after the whole update ran, once its value reached the destination.
            return .unchanged
        }
    }

    /// The value a leaf creates at a missing path, or nil when it creates nothing there.
    func valueForCreation(_ leaf: UpdateLeaf) throws(EngineError) -> BSONValue? {
        switch leaf {
        case .set(let value), .min(let value), .max(let value):
            return value
        case .setOnInsert(let value):
            return context.isInsert ? value : nil
        case .inc(let operand):
            return operand
        case .mul(let operand):
            // MongoDB multiplies by an int32 zero, so the new field is a zero of the operand's type.
            return NumericArithmetic.apply(.multiply, .int32(0), operand)
        case .currentDate(let asTimestamp):
            return currentDate(asTimestamp)
        case .bit(let operations):
            return bitwise(operations, .int32(0))
        case .push(let clause):
            return .array(clause.applied(to: []))
        case .addToSet(let values):
            return .array(Self.distinct(values, excluding: []))
        case .renameTarget(let source):
            return renamedValues[source.dotted]
        case .unset, .pull, .pullAll, .pop, .renameSource:
            return nil
        }
    }

    /// Whether a leaf that creates nothing still fails where its path could never exist. `$setOnInsert`
    /// outside an insert and a `$rename` without a source do nothing at all.
    func failsWhereNotViable(_ leaf: UpdateLeaf) -> Bool {
        switch leaf {
        case .pull, .pullAll, .pop: true
        default: false
        }
    }

    /// MongoDB's no-op test for a new value: the same type and bytes (so 1 → 1.0 and 0.0 → -0.0 are changes).
    private func replacing(_ existing: BSONValue, with value: BSONValue) -> UpdateApplier.Outcome {
        Self.identical(existing, value) ? .unchanged : .replaced(value)
    }

    static func identical(_ a: BSONValue, _ b: BSONValue) -> Bool {
        Document([("", a)]) == Document([("", b)])
    }

    private func arithmetic(
        _ operation: NumericArithmetic.Operation, _ name: String, _ existing: BSONValue, _ operand: BSONValue,
        _ field: String
    ) throws(EngineError) -> BSONValue {
        guard existing.isNumber else {
            throw EngineError(
                .typeMismatch,
                "Cannot apply \(name) to a value of non-numeric type. {\(idDescription)} has the field '\(field)' of non-numeric type \(existing.typeName)")
        }
        guard let result = NumericArithmetic.apply(operation, existing, operand) else {
            throw EngineError(
                .badValue,
                "Failed to apply \(name) operations to current value (\(NumericArithmetic.debugString(existing))) for document {\(idDescription)}")
        }
        return result
    }

    private func bitwise(_ operations: [BitwiseOperation], _ value: BSONValue) -> BSONValue? {
        var result = value
        for operation in operations {
            guard let next = NumericArithmetic.bitwise(operation, result) else { return nil }
            result = next
        }
        return result
    }

    private func currentDate(_ asTimestamp: Bool) -> BSONValue {
        guard asTimestamp else { return .datetime(context.now) }
        let seconds = UInt32(clamping: max(0, context.now / 1000))
        return .timestamp(t: seconds, i: 1)
    }

    private func culling(_ existing: BSONValue, removing: (BSONValue) -> Bool) throws(EngineError) -> UpdateApplier.Outcome {
        guard case .array(let items) = existing else {
            throw EngineError(.badValue, "Cannot apply $pull to a non-array value")
        }
        let kept = items.filter { !removing($0) }
        return kept.count == items.count ? .unchanged : .replaced(.array(kept))
    }

    /// `values` without those equal (in BSON order) to an element of `existing` or to an earlier value.
    private static func distinct(_ values: [BSONValue], excluding existing: [BSONValue]) -> [BSONValue] {
        var seen = existing
        var added: [BSONValue] = []
        for value in values where !seen.contains(where: { BSONOrder.compare($0, value) == 0 }) {
            seen.append(value)
            added.append(value)
        }
        return added
    }
}
