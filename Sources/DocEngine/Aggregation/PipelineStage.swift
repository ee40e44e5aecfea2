import BSON
import EngineQuery

/// One aggregation stage, as parsed; `PipelineRun` executes them.
enum PipelineStage: Sendable {
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
            throw EngineError(.badValue, "invalid argument to \(name) stage: \(ShellFormat.render(value))")
        default:
            throw EngineError(.unrecognizedPipelineStage, "Unrecognized pipeline stage name: '\(name)'")
        }
    }

    /// Stages that must see every input before they emit anything.
    var isBlocking: Bool {
        switch self {
        case .sort, .count, .group: true
        default: false
        }
    }
}
