import BSON

/// `$mergeObjects`, `$objectToArray`, `$arrayToObject`.
enum ObjectOperators {
    static func mergeObjects(_ operands: [BSONValue?]) throws(EngineError) -> BSONValue {
        var merged = Document()
        for (index, operand) in operands.enumerated() {
            guard let value = Arithmetic.present(operand) else { continue }
            guard case .document(let document) = value else {
                throw EngineError(.mergeObjectsNotObject, "$mergeObjects requires object inputs, but input \(index) is of type \(value.typeName)")
            }
            // Later documents win, each field keeping the place it first had.
            for (key, field) in document.elements { merged[key] = field }
        }
        return .document(merged)
    }

    static func objectToArray(_ operand: BSONValue?) throws(EngineError) -> BSONValue {
        guard let value = Arithmetic.present(operand) else { return .null }
        guard case .document(let document) = value else {
            throw EngineError(.objectToArrayNotObject, "$objectToArray requires a document input, found: \(value.typeName)")
        }
        return .array(document.elements.map { ["k": .string($0.key), "v": $0.value] })
    }

    /// `[[k, v], …]` or `[{k, v}, …]`; a repeated key keeps its last value.
    static func arrayToObject(_ operand: BSONValue?) throws(EngineError) -> BSONValue {
        guard let value = Arithmetic.present(operand) else { return .null }
        guard case .array(let items) = value else {
            throw EngineError(.arrayToObjectNotArray, "$arrayToObject requires an array input, found: \(value.typeName)")
        }
        var out = Document()
        for item in items {
            let (key, field) = try pair(item)
            if key.unicodeScalars.contains("\0") {
                throw EngineError(.arrayToObjectBadKey, "Key field cannot contain an embedded null byte")
            }
            out[key] = field
        }
        return .document(out)
    }

    private static func pair(_ item: BSONValue) throws(EngineError) -> (String, BSONValue) {
        switch item {
        case .array(let pair):
            guard pair.count == 2 else {
                throw EngineError(.arrayToObjectPairSize, "$arrayToObject requires an array of size 2 arrays,found array of size: \(pair.count)")
            }
            guard case .string(let key) = pair[0] else {
                throw EngineError(.arrayToObjectPairKey, "$arrayToObject requires an array of key-value pairs, where the key must be of type string. Found key type: \(pair[0].typeName)")
            }
            return (key, pair[1])
        case .document(let document):
            guard document.count == 2 else {
                throw EngineError(.arrayToObjectFieldCount, "$arrayToObject requires an object keys of 'k' and 'v'. Found incorrect number of keys:\(document.count)")
            }
            guard let k = document["k"], let v = document["v"] else {
                throw EngineError(.arrayToObjectMissingKV, "$arrayToObject requires an object with keys 'k' and 'v'. Missing either or both keys from: \(document)")
            }
            guard case .string(let key) = k else {
                throw EngineError(.arrayToObjectKeyType, "$arrayToObject requires an object with keys 'k' and 'v', where the value of 'k' must be of type string. Found type: \(k.typeName)")
            }
            return (key, v)
        default:
            throw EngineError(.arrayToObjectBadInput, "Unrecognised input type format for $arrayToObject: \(item.typeName)")
        }
    }
}
