/// A change number as a client writes it (`after=`, `Last-Event-ID`): a plain decimal ≥ 0 that fits in
/// an Int64, with no sign, no leading zero and no spaces.
enum ChangeNumber {
    static func parse(_ text: String, field: MessageValidationError.Field) throws(MessageValidationError) -> Int64 {
        let digits = Array(text.utf8)
        if digits.isEmpty { throw MessageValidationError(field, .empty) }
        guard digits.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }),
              digits.count == 1 || digits[0] != UInt8(ascii: "0")
        else { throw MessageValidationError(field, .notADecimalInteger) }
        guard let value = Int64(text) else { throw MessageValidationError(field, .notAChangeNumber) }
        return value
    }
}
