import BSON
import EngineQuery

/// `$unwind`: one output document per element of the array at `path`, the element in the array's place.
/// A value that is not an array counts as a one-element array; null, missing and empty arrays produce
/// nothing unless `preserveNullAndEmptyArrays` is set.
struct UnwindStage: Sendable {
    let path: String
    let includeArrayIndex: String?
    let preserveNullAndEmptyArrays: Bool

    init(_ spec: BSONValue) throws(EngineError) {
        var pathValue: BSONValue?
        var index: String?
        var preserve = false
        switch spec {
        case .string:
            pathValue = spec
        case .document(let options):
            for (key, value) in options.elements {
                switch key {
                case "path":
                    pathValue = value
                case "includeArrayIndex":
                    guard case .string(let name) = value, !name.isEmpty else {
                        throw EngineError(.unwindIndexNotString, "expected a non-empty string for the includeArrayIndex option to $unwind stage, got \(value.typeName)")
                    }
                    if name.hasPrefix("$") {
                        throw EngineError(.unwindIndexDollar, "includeArrayIndex option to $unwind stage should not be prefixed with a '$': \(name)")
                    }
                    index = name
                case "preserveNullAndEmptyArrays":
                    guard case .bool(let flag) = value else {
                        throw EngineError(.unwindPreserveNotBool, "expected a boolean for the preserveNullAndEmptyArrays option to $unwind stage, got \(value.typeName)")
                    }
                    preserve = flag
                default:
                    throw EngineError(.unwindUnknownOption, "unrecognized option to $unwind stage: \(key)")
                }
            }
            guard pathValue != nil else { throw EngineError(.unwindNoPath, "no path specified to $unwind stage") }
        default:
            throw EngineError(.unwindBadSpec, "expected either a string or an object as specification for $unwind stage, got \(spec.typeName)")
        }
        guard case .string(let text)? = pathValue else {
            throw EngineError(.unwindPathNotString, "expected a string as the path for $unwind stage, got \(pathValue?.typeName ?? "missing")")
        }
        guard text.hasPrefix("$"), text.count > 1 else {
            throw EngineError(.unwindPathNoDollar, "path option to $unwind stage should be prefixed with a '$': \(text)")
        }
        // Validates the path the way any field path expression is validated.
        _ = try Expression(.string(text))
        path = String(text.dropFirst())
        includeArrayIndex = index
        preserveNullAndEmptyArrays = preserve
    }

    /// The documents `document` unwinds into, handed to `emit` one by one until it returns false.
    func unwind(_ document: Document, _ emit: (Document) throws -> Bool) rethrows -> Bool {
        let value = DocumentPaths.value(in: document, at: path)
        switch value {
        case .array(let items) where !items.isEmpty:
            for (position, item) in items.enumerated() {
                var out = DocumentPaths.setting(document, at: path, to: item)
                if let includeArrayIndex { out = DocumentPaths.setting(out, at: includeArrayIndex, to: .int64(Int64(position))) }
                guard try emit(out) else { return false }
            }
            return true
        case .array, nil, .null?, .undefined?:
            guard preserveNullAndEmptyArrays else { return true }
            var out = document
            if case .array? = value { out = DocumentPaths.removing(document, at: path) }
            if let includeArrayIndex { out = DocumentPaths.setting(out, at: includeArrayIndex, to: .null) }
            return try emit(out)
        default:
            var out = document
            if let includeArrayIndex { out = DocumentPaths.setting(out, at: includeArrayIndex, to: .null) }
            return try emit(out)
        }
    }
}
