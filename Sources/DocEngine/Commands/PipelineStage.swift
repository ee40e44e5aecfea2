import BSON
import EngineQuery

/// One in-memory aggregation stage.
enum PipelineStage {
    case match(Filter)
    case skip(Int)
    case limit(Int)
    case sort(SortSpec)
    case project(Projection)
    case count(String)
    case group(GroupStage)

    init(_ stage: Document) throws(EngineError) {
        let (name, value) = stage.elements[0]
        switch (name, value) {
        case ("$match", .document(let filter)): self = .match(try Filter(filter))
        case ("$skip", let n) where n.integerValue.map { $0 >= 0 } == true: self = .skip(Int(n.integerValue!))
        case ("$limit", let n) where n.integerValue.map { $0 > 0 } == true: self = .limit(Int(n.integerValue!))
        case ("$sort", .document(let spec)): self = .sort(try SortSpec(spec))
        case ("$project", .document(let spec)): self = .project(try Projection(spec))
        case ("$count", .string(let field)) where !field.isEmpty && !field.hasPrefix("$"): self = .count(field)
        case ("$group", .document(let spec)): self = .group(try GroupStage(spec))
        case ("$match", _), ("$skip", _), ("$limit", _), ("$sort", _), ("$project", _), ("$count", _), ("$group", _):
            throw EngineError.badValue("invalid argument to \(name) stage: \(ShellFormat.render(value))")
        default:
            throw EngineError(code: 40324, codeName: "Location40324", message: "Unrecognized pipeline stage name: '\(name)'")
        }
    }

    func apply(_ documents: [Document]) throws(EngineError) -> [Document] {
        switch self {
        case .match(let filter): return documents.filter { filter.matches($0) }
        case .skip(let n): return Array(documents.dropFirst(n))
        case .limit(let n): return Array(documents.prefix(n))
        case .sort(let spec): return documents.sorted { spec.compare($0, $1) < 0 }
        case .project(let projection): return documents.map(projection.apply)
        case .count(let field): return documents.isEmpty ? [] : [[field: .int32(Int32(clamping: documents.count))]]
        case .group(let group): return try group.apply(documents)
        }
    }
}
