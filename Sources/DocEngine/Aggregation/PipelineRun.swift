import BSON
import EngineQuery

/// Executes a pipeline while the scan runs: each document flows through the streaming stages (`$match`,
/// `$project`, `$skip`, `$limit`) as it is read, and only blocking stages (`$sort`, `$group`, `$count`)
/// hold state: `$group` and `$count` a running total per group, `$sort` its input, bounded like a
/// blocking sort in find. So a count over a million documents uses constant memory, and a `$limit` that
/// is reached stops the scan.
struct PipelineRun {
    private enum State {
        case match(Filter)
        case project(Projection)
        case skip(remaining: Int)
        case limit(remaining: Int)
        case sort(SortSpec, buffer: [Document], bytes: Int)
        case count(field: String, n: Int)
        case group(GroupState)
    }

    /// Like MongoDB's 100 MB limit for blocking stages and results held without disk use.
    static let maxBytes = QueryRunner.maxSortBytes
    static var tooLarge: EngineError {
        EngineError(.queryExceededMemoryLimitNoDiskUseAllowed, "Exceeded memory limit of \(maxBytes) bytes, but did not opt in to external sorting.")
    }

    private var states: [State]
    private(set) var output: [Document] = []
    private var outputBytes = 0

    init(_ stages: [PipelineStage]) {
        states = stages.map { stage in
            switch stage {
            case .match(let filter): .match(filter)
            case .project(let projection): .project(projection)
            case .skip(let n): .skip(remaining: n)
            case .limit(let n): .limit(remaining: n)
            case .sort(let spec): .sort(spec, buffer: [], bytes: 0)
            case .count(let field): .count(field: field, n: 0)
            case .group(let group): .group(GroupState(group))
            }
        }
    }

    /// Feeds one input document; false once no further input can change the result (a limit is reached).
    mutating func push(_ document: Document) throws(EngineError) -> Bool {
        try push(document, at: 0)
    }

    /// Flushes the blocking stages in order and returns the result.
    mutating func finish() throws(EngineError) -> [Document] {
        for index in states.indices {
            let emitted: [Document]
            switch states[index] {
            case .sort(let spec, let buffer, _):
                // Swift's sort is stable, so ties keep input order.
                emitted = buffer.sorted { spec.compare($0, $1) < 0 }
                states[index] = .sort(spec, buffer: [], bytes: 0)
            case .count(let field, let n):
                emitted = n == 0 ? [] : [[field: .int32(Int32(clamping: n))]]
                states[index] = .count(field: field, n: 0)
            case .group(let group):
                emitted = try group.results()
                states[index] = .group(GroupState(group.stage))
            default:
                continue
            }
            for document in emitted {
                guard try push(document, at: index + 1) else { break }
            }
        }
        return output
    }

    private mutating func push(_ input: Document, at start: Int) throws(EngineError) -> Bool {
        var document = input
        var index = start
        while index < states.count {
            switch states[index] {
            case .match(let filter):
                guard filter.matches(document) else { return true }
            case .project(let projection):
                document = projection.apply(document)
            case .skip(let remaining):
                if remaining > 0 {
                    states[index] = .skip(remaining: remaining - 1)
                    return true
                }
            case .limit(let remaining):
                guard remaining > 0 else { return false }
                states[index] = .limit(remaining: remaining - 1)
                if remaining == 1 {
                    // This is the last document the limit lets through.
                    try pass(document, from: index + 1)
                    return false
                }
            case .sort(let spec, var buffer, let bytes):
                let total = bytes + document.byteCount
                guard total <= Self.maxBytes else { throw Self.tooLarge }
                states[index] = .sort(spec, buffer: [], bytes: 0)  // keep the buffer uniquely referenced
                buffer.append(document)
                states[index] = .sort(spec, buffer: buffer, bytes: total)
                return true
            case .count(let field, let n):
                states[index] = .count(field: field, n: n + 1)
                return true
            case .group(var group):
                states[index] = .count(field: "", n: 0)  // keep the group state uniquely referenced
                try group.add(document)
                guard group.bytes <= Self.maxBytes else { throw Self.tooLarge }
                states[index] = .group(group)
                return true
            }
            index += 1
        }
        try emit(document)
        return true
    }

    /// Sends a document through the stages from `index` on, ignoring whether they want more.
    private mutating func pass(_ document: Document, from index: Int) throws(EngineError) {
        _ = try push(document, at: index)
    }

    private mutating func emit(_ document: Document) throws(EngineError) {
        outputBytes += document.byteCount
        guard outputBytes <= Self.maxBytes else { throw Self.tooLarge }
        output.append(document)
    }
}
