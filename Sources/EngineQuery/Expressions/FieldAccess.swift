import BSON

/// `$getField`, `$setField` and `$unsetField`: read or write one field of a document by its exact name,
/// so names with dots or a leading `$` (which field paths cannot express) stay reachable.
enum FieldAccess {
    static func get(field: BSONValue?, input: BSONValue?) throws(EngineError) -> BSONValue? {
        let name = try fieldName(field, "$getField")
        switch input {
        case nil, .null?, .undefined?: return .null
        case .document(let document)?: return document[name]
        case let other?:
            throw EngineError(.getFieldInputNotObject, "$getField requires 'input' to evaluate to type Object, but got \(other.typeName)")
        }
    }

    /// `value` nil with `unsetting` false means the value expression was missing (`$$REMOVE`), which
    /// removes the field as `$unsetField` does.
    static func set(field: BSONValue?, input: BSONValue?, value: BSONValue??, unsetting: Bool) throws(EngineError) -> BSONValue? {
        let operatorName = unsetting ? "$unsetField" : "$setField"
        let name = try fieldName(field, operatorName)
        switch input {
        case nil, .null?, .undefined?: return .null
        case .document(let document)?:
            let newValue: BSONValue? = unsetting ? nil : (value ?? nil)
            return .document(document.replacing(name, with: newValue))
        case let other?:
            throw EngineError(.setFieldInputNotObject, "\(operatorName) requires 'input' to evaluate to type Object, but got \(other.typeName)")
        }
    }

    private static func fieldName(_ field: BSONValue?, _ operatorName: String) throws(EngineError) -> String {
        guard case .string(let name)? = field else {
            throw EngineError(.fieldAccessFieldNotString, "\(operatorName) requires 'field' to evaluate to type String, but got \(field?.typeName ?? "missing")")
        }
        return name
    }
}
