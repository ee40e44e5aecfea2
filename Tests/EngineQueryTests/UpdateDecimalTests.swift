import BSON
import Testing

@testable import EngineQuery

/// `$inc` and `$mul` with decimal128 on either side: exact results, then IEEE 754 rounding and limits.
@Suite struct UpdateDecimalTests {
    private func decimal(_ text: String) -> BSONValue {
        guard let value = Decimal128(text) else {
            Issue.record("bad decimal literal \(text)")
            return .null
        }
        return .decimal128(value)
    }

    /// The value at `a` after `{op: {a: operand}}` on `{a: start}` (start nil: `a` missing).
    private func result(_ op: String, _ start: BSONValue?, _ operand: BSONValue) throws -> BSONValue? {
        let document = start.map { Document([("a", $0)]) } ?? Document()
        let update = Document([(op, .document(Document([("a", operand)])))])
        return try UpdateSpec(update, arrayFilters: nil)
            .apply(to: document, matchedArrayIndex: nil, context: UpdateContext(now: 0, isInsert: false))["a"]
    }

    /// Compares bytes, so the exponent (1.5 vs 1.50) counts, as it does for the stored document.
    private func expectDecimal(_ actual: BSONValue?, _ expected: String, sourceLocation: SourceLocation = #_sourceLocation) {
        guard case .decimal128(let d)? = actual else {
            Issue.record("not a decimal: \(String(describing: actual))", sourceLocation: sourceLocation)
            return
        }
        #expect(d == Decimal128(expected), "got \(d)", sourceLocation: sourceLocation)
    }

    @Test func integersAndDecimalsAddExactly() throws {
        expectDecimal(try result("$inc", decimal("1.5"), 1), "2.5")
        expectDecimal(try result("$inc", 1, decimal("0.25")), "1.25")
        expectDecimal(try result("$inc", decimal("-1.5"), decimal("1.5")), "0.0")
        expectDecimal(try result("$inc", decimal("1E+3"), decimal("1")), "1001")
        expectDecimal(try result("$inc", nil, decimal("7.10")), "7.10")
    }

    @Test func doublesBecomeFifteenDigitDecimals() throws {
        expectDecimal(try result("$inc", decimal("1"), 0.1), "1.100000000000000")
        expectDecimal(try result("$mul", 2.5, decimal("2")), "5.00000000000000")
    }

    @Test func multiplicationKeepsTheExponentsSum() throws {
        expectDecimal(try result("$mul", decimal("1.5"), 2), "3.0")
        expectDecimal(try result("$mul", decimal("0.01"), decimal("0.3")), "0.003")
        expectDecimal(try result("$mul", nil, decimal("-2.50")), "-0.00")
    }

    @Test func resultsRoundHalfToEvenAtThirtyFourDigits() throws {
        let nines = String(repeating: "9", count: 34)
        expectDecimal(try result("$inc", decimal(nines), 1), "1.000000000000000000000000000000000E+34")
        // 10^33 plus a fraction needs 35 or 36 digits: the dropped half goes to the even neighbour.
        let big = "1" + String(repeating: "0", count: 33)
        expectDecimal(try result("$inc", decimal(big), decimal("0.5")), big)
        expectDecimal(try result("$inc", decimal(big), decimal("1.5")), String(big.dropLast()) + "2")
        expectDecimal(try result("$inc", decimal(big), decimal("0.51")), String(big.dropLast()) + "1")
    }

    @Test func exponentLimitsClampOverflowAndUnderflow() throws {
        expectDecimal(try result("$mul", decimal("1E+6111"), 10), "1.0E+6112")
        expectDecimal(try result("$mul", decimal("9.999999999999999999999999999999999E+6144"), 10), "Infinity")
        expectDecimal(try result("$mul", decimal("1E-6176"), decimal("0.1")), "0E-6176")
    }

    @Test func infinityAndNaNFollowIEEE() throws {
        expectDecimal(try result("$inc", decimal("Infinity"), 1), "Infinity")
        expectDecimal(try result("$inc", decimal("Infinity"), decimal("-Infinity")), "NaN")
        expectDecimal(try result("$mul", decimal("-Infinity"), 2), "-Infinity")
        expectDecimal(try result("$mul", decimal("NaN"), 2), "NaN")
    }
}
