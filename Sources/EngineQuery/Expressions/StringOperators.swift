import BSON

/// Which ends `$trim`, `$ltrim` and `$rtrim` trim.
enum TrimSide: Sendable { case start, end, both }

/// The string operators. Positions and lengths count Unicode code points (the `CP` operators).
enum StringOperators {
    static func apply(_ op: ExpressionOperator, _ operands: [BSONValue?]) throws(EngineError) -> BSONValue? {
        switch op {
        case .concat:
            var out = ""
            for operand in operands {
                guard let value = Arithmetic.present(operand) else { return .null }
                guard case .string(let s) = value else {
                    throw EngineError(.concatNotString, "$concat only supports strings, not \(value.typeName)")
                }
                out += s
            }
            return .string(out)
        case .toLower, .toUpper:
            // MongoDB maps ASCII letters only.
            let text = try coerceToString(operands[0])
            let mapped = text.unicodeScalars.map { scalar -> Unicode.Scalar in
                guard scalar.isASCII else { return scalar }
                let v = scalar.value
                if op == .toLower, v >= 65, v <= 90 { return Unicode.Scalar(v + 32) ?? scalar }
                if op == .toUpper, v >= 97, v <= 122 { return Unicode.Scalar(v - 32) ?? scalar }
                return scalar
            }
            return .string(String(String.UnicodeScalarView(mapped)))
        case .substrCP:
            return try substrCP(operands[0], operands[1], operands[2])
        case .strLenCP:
            guard case .string(let s)? = operands[0] else {
                throw EngineError(.strLenCPNotString, "$strLenCP requires a string argument, found: \(operands[0].map(TypeConversion.typeAlias) ?? "missing")")
            }
            return .int32(Int32(clamping: s.unicodeScalars.count))
        case .strcasecmp:
            // ASCII letters compare case-insensitively, everything else by bytes.
            let a = Array(try coerceToString(operands[0]).utf8.map(asciiUpper))
            let b = Array(try coerceToString(operands[1]).utf8.map(asciiUpper))
            return .int32(a == b ? 0 : (a.lexicographicallyPrecedes(b) ? -1 : 1))
        default:
            return try split(operands[0], operands[1])
        }
    }

    private static func asciiUpper(_ byte: UInt8) -> UInt8 {
        byte >= 97 && byte <= 122 ? byte - 32 : byte
    }

    /// How `$toLower`, `$substrCP` and friends read their input: null and missing as "", numbers and
    /// dates in their string forms; other types are an error.
    static func coerceToString(_ value: BSONValue?) throws(EngineError) -> String {
        switch value {
        case nil, .null?, .undefined?: return ""
        case .string(let s)?: return s
        case let other?:
            switch other {
            case .int32, .int64, .double, .decimal128, .datetime, .timestamp:
                return try TypeConversion.string(other)
            default:
                throw EngineError(.cannotConvertToString, "can't convert from BSON type \(other.typeName) to String")
            }
        }
    }

    private static func substrCP(_ input: BSONValue?, _ start: BSONValue?, _ length: BSONValue?) throws(EngineError) -> BSONValue {
        let text = try coerceToString(input)
        guard let start, start.isNumber else {
            throw EngineError(.substrStartNotNumber, "$substrCP: starting index must be a numeric type (is BSON type \(start.map(TypeConversion.typeAlias) ?? "missing"))")
        }
        guard let from = start.integerValue.flatMap({ Int32(exactly: $0) }) else {
            throw EngineError(.substrStartNotInteger, "$substrCP: starting index cannot be represented as a 32-bit integral value: \(start)")
        }
        guard let length, length.isNumber else {
            throw EngineError(.substrLengthNotNumber, "$substrCP: length must be a numeric type (is BSON type \(length.map(TypeConversion.typeAlias) ?? "missing"))")
        }
        guard let count = length.integerValue.flatMap({ Int32(exactly: $0) }) else {
            throw EngineError(.substrLengthNotInteger, "$substrCP: length cannot be represented as a 32-bit integral value: \(length)")
        }
        if count < 0 { throw EngineError(.substrLengthNegative, "$substrCP: length must be a nonnegative integer.") }
        if from < 0 { throw EngineError(.substrStartNegative, "$substrCP: the starting index must be nonnegative integer.") }
        let scalars = Array(text.unicodeScalars)
        let lower = min(Int(from), scalars.count)
        let upper = min(lower + Int(count), scalars.count)
        return .string(String(String.UnicodeScalarView(scalars[lower..<upper])))
    }

    private static func split(_ input: BSONValue?, _ separator: BSONValue?) throws(EngineError) -> BSONValue {
        guard let input = Arithmetic.present(input), let separator = Arithmetic.present(separator) else { return .null }
        guard case .string(let text) = input else {
            throw EngineError(.splitInputNotString, "$split requires an expression that evaluates to a string as a first argument, found: \(input.typeName)")
        }
        guard case .string(let delimiter) = separator else {
            throw EngineError(.splitSeparatorNotString, "$split requires an expression that evaluates to a string as a second argument, found: \(separator.typeName)")
        }
        guard !delimiter.isEmpty else { throw EngineError(.splitEmptySeparator, "$split requires a non-empty separator") }
        // Byte-wise, as MongoDB splits: no Unicode normalisation of either side.
        let bytes = Array(text.utf8)
        let needle = Array(delimiter.utf8)
        var parts: [BSONValue] = []
        var start = 0
        var index = 0
        while index + needle.count <= bytes.count {
            if bytes[index..<(index + needle.count)].elementsEqual(needle) {
                parts.append(.string(String(decoding: bytes[start..<index], as: UTF8.self)))
                index += needle.count
                start = index
            } else {
                index += 1
            }
        }
        parts.append(.string(String(decoding: bytes[start...], as: UTF8.self)))
        return .array(parts)
    }

    /// Whitespace `$trim` removes by default: NUL, ASCII whitespace and the Unicode spaces MongoDB lists.
    private static let defaultTrimmed: Set<Unicode.Scalar> = Set(
        [0x00, 0x20, 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0xA0, 0x1680, 0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005,
         0x2006, 0x2007, 0x2008, 0x2009, 0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000].compactMap(Unicode.Scalar.init(_:)))

    static func trim(_ side: TrimSide, _ input: BSONValue?, chars: BSONValue??) throws(EngineError) -> BSONValue? {
        guard let input = Arithmetic.present(input) else { return .null }
        let name = side == .start ? "$ltrim" : side == .end ? "$rtrim" : "$trim"
        guard case .string(let text) = input else {
            throw EngineError(.trimInputNotString, "\(name) requires its input to be a string, got \(input) (of type \(input.typeName)) instead.")
        }
        var trimmed = defaultTrimmed
        if let chars {
            guard let chars = Arithmetic.present(chars) else { return .null }
            guard case .string(let set) = chars else {
                throw EngineError(.trimCharsNotString, "\(name) requires 'chars' to be a string, got \(chars) (of type \(chars.typeName)) instead.")
            }
            trimmed = Set(set.unicodeScalars)
        }
        var scalars = text.unicodeScalars[...]
        if side != .end { while let first = scalars.first, trimmed.contains(first) { scalars.removeFirst() } }
        if side != .start { while let last = scalars.last, trimmed.contains(last) { scalars.removeLast() } }
        return .string(String(String.UnicodeScalarView(scalars)))
    }
}
