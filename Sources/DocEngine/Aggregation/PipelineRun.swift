import BSON
import EngineQuery

/// Executes a pipeline while the scan runs: each document flows through the streaming stages (`$match`,
/// `$project`, `$addFields`, `$unwind`, `$lookup`, `$replaceRoot`, `$skip`, `$limit`) as it is read, and
/// only blocking stages hold state: `$group` and `$count` a running total per group, `$sort` its input
/// (or only the top k when a `$limit` follows), `$facet` one run per sub-pipeline. Every blocking stage and
/// the result are held to MongoDB's 100 MB limit, so a count over a million documents uses constant memory,
/// and a `$limit` that is reached stops the scan.
struct PipelineRun {
    private enum State {
        case match(Filter)
        case project(Projection)
        case replaceRoot(Expression)
        case skip(remaining: Int)
        case limit(remaining: Int)
        case unwind(UnwindStage)
        case lookup(LookupStage)
        case sort(SortSpec, buffer: [Document], bytes: Int)
        case topK(TopK<Document>, bytes: Int)
        case count(field: String, n: Int)
        case group(GroupState)
        case facet([(name: String, run: PipelineRun)])
        case sample(SampleState)
        /// Placeholder while a state is being updated in place.
        case moved
    }

    /// Like MongoDB's 100 MB limit for blocking stages and results held without disk use.
    static let maxBytes = QueryRunner.maxSortBytes
    static var tooLarge: EngineError {
        EngineError(.queryExceededMemoryLimitNoDiskUseAllowed, "Exceeded memory limit of \(maxBytes) bytes, but did not opt in to external sorting.")
    }

    private var states: [State]
    private let reader: ForeignReader?
    private(set) var output: [Document] = []
    private var outputBytes = 0
    /// A `$facet` sub-pipeline's results must fit in the one document `$facet` builds.
    private let isFacet: Bool

    /// `reader` reads other collections for `$lookup`; without one, `$lookup` finds nothing to join.
    init(_ stages: [PipelineStage], reader: ForeignReader? = nil, isFacet: Bool = false) {
        self.reader = reader
        self.isFacet = isFacet
        states = stages.map { stage in
            switch stage {
            case .match(let filter): .match(filter)
            case .project(let projection): .project(projection)
            case .replaceRoot(let expression): .replaceRoot(expression)
            case .skip(let n): .skip(remaining: n)
            case .limit(let n): .limit(remaining: n)
            case .unwind(let unwind): .unwind(unwind)
            case .lookup(let lookup): .lookup(lookup)
            case .sort(let spec, nil): .sort(spec, buffer: [], bytes: 0)
            case .sort(let spec, let limit?): .topK(TopK(capacity: limit) { spec.compare($0, $1) < 0 }, bytes: 0)
            case .count(let field): .count(field: field, n: 0)
            case .group(let group): .group(GroupState(group))
            case .facet(let facets): .facet(facets.map { ($0.name, PipelineRun($0.stages, reader: reader, isFacet: true)) })
            case .sample(let sample): .sample(SampleState(size: sample.size))
            }
        }
    }

    /// Feeds one input document; false once no further input can change the result (a limit is reached).
    mutating func push(_ document: Document) throws -> Bool {
        try push(document, at: 0)
    }

    /// Flushes the blocking stages in order and returns the result.
    mutating func finish() throws -> [Document] {
        for index in states.indices {
            let emitted: [Document]
            switch states[index] {
            case .sort(let spec, let buffer, _):
                emitted = spec.sorted(buffer)
            case .topK(let top, _):
                emitted = top.items
            case .count(let field, let n):
                emitted = n == 0 ? [] : [[field: .int32(Int32(clamping: n))]]
            case .sample(let sample):
                emitted = sample.result
            case .group(let group):
                emitted = try group.results()
            case .facet(var facets):
                var document = Document()
                for i in facets.indices {
                    document.append(facets[i].name, .array(try facets[i].run.finish().map(BSONValue.document)))
                }
                guard document.byteCount <= Document.maximumSize else {
                    throw EngineError(.facetTooLarge, "document constructed by $facet is \(document.byteCount) bytes, which exceeds the limit of \(Document.maximumSize) bytes")
                }
                emitted = [document]
            default:
                continue
            }
            states[index] = .moved  // a blocking stage emits once
            for document in emitted {
                guard try push(document, at: index + 1) else { break }
            }
        }
        return output
    }

    private mutating func push(_ input: Document, at start: Int) throws -> Bool {
        var document = input
        var index = start
        while index < states.count {
            switch states[index] {
            case .match(let filter):
                guard try filter.evaluate(document) else { return true }
            case .project(let projection):
                document = try projection.apply(document)
            case .replaceRoot(let expression):
                document = try Self.newRoot(expression, document)
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
                    _ = try push(document, at: index + 1)
                    return false
                }
            case .unwind(let unwind):
                let next = index + 1
                return try unwind.unwind(document) { out in try push(out, at: next) }
            case .lookup(let lookup):
                let matches = try reader?(lookup.from, try lookup.foreignFilter(for: document)) ?? []
                document = lookup.joined(document, matches)
            case .sort(let spec, var buffer, let bytes):
                let total = bytes + document.byteCount
                guard total <= Self.maxBytes else { throw Self.tooLarge }
                states[index] = .moved  // keep the buffer uniquely referenced
                buffer.append(document)
                states[index] = .sort(spec, buffer: buffer, bytes: total)
                return true
            case .topK(var top, var bytes):
                states[index] = .moved
                let (kept, evicted) = top.offer(document)
                if kept { bytes += document.byteCount }
                bytes -= evicted?.byteCount ?? 0
                guard bytes <= Self.maxBytes else { throw Self.tooLarge }
                states[index] = .topK(top, bytes: bytes)
                return true
            case .count(let field, let n):
                states[index] = .count(field: field, n: n + 1)
                return true
            case .group(var group):
                states[index] = .moved  // keep the group state uniquely referenced
                try group.add(document)
                guard group.bytes <= Self.maxBytes else { throw Self.tooLarge }
                states[index] = .group(group)
                return true
            case .sample(var sample):
                states[index] = .moved
                sample.add(document)
                guard sample.bytes <= Self.maxBytes else { throw Self.tooLarge }
                states[index] = .sample(sample)
                return true
            case .facet(var facets):
                states[index] = .moved
                for i in facets.indices { _ = try facets[i].run.push(document) }
                states[index] = .facet(facets)
                return true
            case .moved:
                return true
            }
            index += 1
        }
        try emit(document)
        return true
    }

    static func newRoot(_ expression: Expression, _ document: Document) throws(EngineError) -> Document {
        let value = try expression.evaluate(document)
        guard case .document(let root)? = value else {
            let shown = value.map { "\($0)" } ?? "MISSING"
            throw EngineError(.replaceRootNotObject, "'newRoot' expression must evaluate to an object, but resulting value was: \(shown). Type of resulting value: '\(value?.typeName ?? "missing")'. Input document: \(document)")
        }
        return root
    }

    private mutating func emit(_ document: Document) throws(EngineError) {
        outputBytes += document.byteCount
        if isFacet && outputBytes > Document.maximumSize {
            throw EngineError(.facetTooLarge, "document constructed by $facet is \(outputBytes) bytes, which exceeds the limit of \(Document.maximumSize) bytes")
        }
        guard outputBytes <= Self.maxBytes else { throw Self.tooLarge }
        output.append(document)
    }
}
