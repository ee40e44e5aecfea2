import BSON

/// The date arithmetic operators' named arguments.
extension ExpressionParser {
    private func namedArguments(
        _ argument: BSONValue, allowed: Set<String>, notObject: EngineError, unknown: (String) -> EngineError
    ) throws(EngineError) -> Document {
        guard case .document(let document) = argument else { throw notObject }
        for key in document.keys where !allowed.contains(key) { throw unknown(key) }
        return document
    }

    private mutating func named(_ document: Document, _ key: String) throws(EngineError) -> Expression.Node? {
        guard let value = document[key] else { return nil }
        return try parse(value)
    }

    mutating func parseDateAdd(_ name: String, _ argument: BSONValue) throws(EngineError) -> Expression.Node {
        let document = try namedArguments(argument, allowed: ["startDate", "unit", "amount", "timezone"],
            notObject: EngineError(.dateAddNotObject, "\(name) expects an object as its argument"),
            unknown: { EngineError(.dateAddUnknownArgument, "Unrecognized argument to \(name): \($0)") })
        guard let start = try named(document, "startDate"), let unit = try named(document, "unit"),
              let amount = try named(document, "amount") else {
            throw EngineError(.dateAddMissingArgument, "\(name) requires startDate, unit, and amount to be present")
        }
        return .dateAdd(subtract: name == "$dateSubtract", startDate: start, unit: unit, amount: amount,
                        timezone: try named(document, "timezone"))
    }

    mutating func parseDateDiff(_ argument: BSONValue) throws(EngineError) -> Expression.Node {
        let document = try namedArguments(argument, allowed: ["startDate", "endDate", "unit", "timezone", "startOfWeek"],
            notObject: EngineError(.dateDiffNotObject, "$dateDiff only supports an object as its argument"),
            unknown: { EngineError(.dateDiffUnknownArgument, "Unrecognized argument to $dateDiff: \($0)") })
        guard let start = try named(document, "startDate") else {
            throw EngineError(.dateDiffMissingStart, "Missing 'startDate' parameter to $dateDiff")
        }
        guard let end = try named(document, "endDate") else {
            throw EngineError(.dateDiffMissingEnd, "Missing 'endDate' parameter to $dateDiff")
        }
        guard let unit = try named(document, "unit") else {
            throw EngineError(.dateDiffMissingUnit, "Missing 'unit' parameter to $dateDiff")
        }
        return .dateDiff(startDate: start, endDate: end, unit: unit, timezone: try named(document, "timezone"),
                         startOfWeek: try named(document, "startOfWeek"))
    }

    mutating func parseDateTrunc(_ argument: BSONValue) throws(EngineError) -> Expression.Node {
        let document = try namedArguments(argument, allowed: ["date", "unit", "binSize", "timezone", "startOfWeek"],
            notObject: EngineError(.dateTruncNotObject, "$dateTrunc only supports an object as its argument"),
            unknown: { EngineError(.dateTruncUnknownArgument, "Unrecognized argument to $dateTrunc: \($0). Expected arguments are date, unit, and optionally, binSize, timezone, startOfWeek") })
        guard let date = try named(document, "date") else {
            throw EngineError(.dateTruncMissingDate, "Missing 'date' parameter to $dateTrunc")
        }
        guard let unit = try named(document, "unit") else {
            throw EngineError(.dateTruncMissingUnit, "Missing 'unit' parameter to $dateTrunc")
        }
        return .dateTrunc(date: date, unit: unit, binSize: try named(document, "binSize"),
                          timezone: try named(document, "timezone"), startOfWeek: try named(document, "startOfWeek"))
    }

    mutating func parseDateToParts(_ argument: BSONValue) throws(EngineError) -> Expression.Node {
        let document = try namedArguments(argument, allowed: ["date", "timezone", "iso8601"],
            notObject: EngineError(.dateToPartsNotObject, "$dateToParts only supports an object as its argument"),
            unknown: { EngineError(.dateToPartsUnknownArgument, "Unrecognized argument to $dateToParts: \($0)") })
        guard let date = try named(document, "date") else {
            throw EngineError(.dateToPartsMissingDate, "Missing 'date' parameter to $dateToParts")
        }
        return .dateToParts(date: date, timezone: try named(document, "timezone"), iso8601: try named(document, "iso8601"))
    }

    mutating func parseDateFromParts(_ argument: BSONValue) throws(EngineError) -> Expression.Node {
        let fields = Set(DateParts.naturalFields + DateParts.isoFields + DateParts.timeFields + ["timezone"])
        let document = try namedArguments(argument, allowed: fields,
            notObject: EngineError(.dateFromPartsNotObject, "$dateFromParts only supports an object as its argument"),
            unknown: { EngineError(.dateFromPartsUnknownArgument, "Unrecognized argument to $dateFromParts: \($0)") })
        let natural = DateParts.naturalFields.contains { document.hasKey($0) }
        let iso = DateParts.isoFields.contains { document.hasKey($0) }
        if natural && iso {
            throw EngineError(.dateFromPartsMixed, "$dateFromParts does not allow mixing natural dates with ISO dates")
        }
        guard document.hasKey("year") || document.hasKey("isoWeekYear") else {
            throw EngineError(.dateFromPartsMissingYear, "$dateFromParts requires either 'year' or 'isoWeekYear' to be present")
        }
        var parts: [(String, Expression.Node)] = []
        for (key, value) in document.elements where key != "timezone" { parts.append((key, try parse(value))) }
        return .dateFromParts(parts, iso: iso, timezone: try named(document, "timezone"))
    }
}
