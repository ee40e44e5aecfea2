import BSON
import EngineQuery

/// One aggregation stage, as parsed; `PipelineRun` executes them. `$bucket` and `$sortByCount` parse into
/// the `$group` and `$sort` they stand for, as MongoDB rewrites them; `$set` is `$addFields` and `$unset`
/// an exclusion `$project`.
indirect enum PipelineStage: Sendable {
    case match(Filter)
    case skip(Int)
    case limit(Int)
    /// A sort, keeping only the first `limit` documents when a `$limit` follows it.
    case sort(SortSpec, limit: Int?)
    case project(Projection)
    case replaceRoot(Expression)
    case count(String)
    case group(GroupStage)
    case unwind(UnwindStage)
    case lookup(LookupStage)
    case facet([(name: String, stages: [PipelineStage])])
    case sample(SampleStage)

    /// Parses a whole pipeline, joining each `$sort` with a `$limit` right after it.
    static func parsePipeline(_ stages: [Document], inFacet: Bool = false) throws(EngineError) -> [PipelineStage] {
        var parsed: [PipelineStage] = []
        for stage in stages {
            for next in try parse(stage, inFacet: inFacet) {
                if case .limit(let n) = next, case .sort(let spec, let limit)? = parsed.last {
                    parsed[parsed.count - 1] = .sort(spec, limit: min(n, limit ?? Int.max))
                }
                parsed.append(next)
            }
        }
        return parsed
    }

    /// One stage document (`{$name: argument}`), as one or more stages.
    static func parse(_ stage: Document, inFacet: Bool = false) throws(EngineError) -> [PipelineStage] {
        guard stage.count == 1 else {
            throw EngineError(.stageNotOneField, "A pipeline stage specification object must contain exactly one field.")
        }
        let (name, value) = stage.elements[0]
        switch (name, value) {
        case ("$match", .document(let filter)): return [.match(try Filter(filter))]
        case ("$skip", let n) where n.integerValue.map { $0 >= 0 } == true: return [.skip(Int(clamping: n.integerValue ?? 0))]
        case ("$limit", let n) where n.integerValue.map { $0 > 0 } == true: return [.limit(Int(clamping: n.integerValue ?? 0))]
        case ("$sort", .document(let spec)):
            let sort = try SortSpec(spec)
            guard !sort.keys.isEmpty else { throw EngineError(.sortWithoutKeys, "$sort stage must have at least one sort key") }
            return [.sort(sort, limit: nil)]
        case ("$project", .document(let spec)): return [.project(try Projection(spec, kind: .aggregation))]
        case ("$addFields", .document(let spec)), ("$set", .document(let spec)):
            return [.project(try Projection(addingFields: spec))]
        case ("$unset", _): return [.project(try Projection(removing: try unsetPaths(value)))]
        case ("$replaceRoot", _): return [.replaceRoot(try replaceRootExpression(value))]
        case ("$replaceWith", _): return [.replaceRoot(try Expression(value))]
        case ("$count", .string(let field)) where !field.isEmpty && !field.hasPrefix("$") && !field.contains("."):
            return [.count(field)]
        case ("$group", .document(let spec)): return [.group(try GroupStage(spec))]
        case ("$unwind", _): return [.unwind(try UnwindStage(value))]
        case ("$lookup", _): return [.lookup(try LookupStage(value))]
        case ("$sample", _): return [.sample(try SampleStage(value))]
        case ("$sortByCount", _): return try sortByCount(value)
        case ("$bucket", _): return try BucketStage.stages(value)
        case ("$facet", _):
            if inFacet { throw EngineError(.notAllowedInFacet, "$facet is not allowed to be used within a $facet stage") }
            return [.facet(try facets(value))]
        case ("$out", _), ("$merge", _):
            // Writing stages are not implemented: the engine refuses them rather than ignore them.
            if inFacet { throw EngineError(.notAllowedInFacet, "\(name) is not allowed to be used within a $facet stage") }
            throw EngineError(.commandNotSupported, "\(name) is not supported by this server")
        case ("$match", _), ("$skip", _), ("$limit", _), ("$sort", _), ("$project", _), ("$count", _), ("$group", _),
             ("$addFields", _), ("$set", _):
            throw EngineError(.badValue, "invalid argument to \(name) stage: \(value)")
        default:
            throw EngineError(.unrecognizedPipelineStage, "Unrecognized pipeline stage name: '\(name)'")
        }
    }

    /// Stages that must see every input before they emit anything.
    var isBlocking: Bool {
        switch self {
        case .sort, .count, .group, .facet, .sample: true
        default: false
        }
    }

    private static func unsetPaths(_ value: BSONValue) throws(EngineError) -> [String] {
        switch value {
        case .string(let path): return [path]
        case .array(let items):
            var paths: [String] = []
            for item in items {
                guard case .string(let path) = item else {
                    throw EngineError(.unsetNotStrings, "$unset specification must be a string or an array containing only string values")
                }
                paths.append(path)
            }
            if paths.isEmpty { throw EngineError(.unsetNotStrings, "$unset specification must be a string or an array with at least one field") }
            return paths
        default:
            throw EngineError(.unsetNotStringOrArray, "$unset specification must be a string or an array")
        }
    }

    private static func replaceRootExpression(_ value: BSONValue) throws(EngineError) -> Expression {
        guard case .document(let spec) = value else {
            throw EngineError(.typeMismatch, "BSON field '$replaceRoot' is the wrong type '\(value.typeName)', expected type 'object'")
        }
        for key in spec.keys where key != "newRoot" {
            throw EngineError(.unknownField, "BSON field '$replaceRoot.\(key)' is an unknown field.")
        }
        guard let root = spec["newRoot"] else {
            throw EngineError(.missingRequiredField, "BSON field '$replaceRoot.newRoot' is missing but a required field")
        }
        return try Expression(root)
    }

    private static func sortByCount(_ value: BSONValue) throws(EngineError) -> [PipelineStage] {
        switch value {
        case .string(let s) where s.hasPrefix("$"): break
        case .document(let d) where d.keys.first?.hasPrefix("$") == true: break
        default:
            throw EngineError(.sortByCountBadArgument, "the sortByCount field must be defined as a $-prefixed path or an expression")
        }
        let group = try GroupStage(["_id": value, "count": ["$sum": 1]])
        return [.group(group), .sort(try SortSpec(["count": -1]), limit: nil)]
    }

    private static func facets(_ value: BSONValue) throws(EngineError) -> [(name: String, stages: [PipelineStage])] {
        guard case .document(let spec) = value, !spec.isEmpty else {
            throw EngineError(.facetNotObject, "the $facet specification must be a non-empty object, but found: \(value)")
        }
        var out: [(name: String, stages: [PipelineStage])] = []
        for (name, pipeline) in spec.elements {
            if name.isEmpty || name.hasPrefix("$") || name.contains(".") {
                throw EngineError(.dollarPrefixedFieldName, "$facet field names may not be empty, start with '$' or contain '.': '\(name)'")
            }
            guard case .array(let items) = pipeline else {
                throw EngineError(.facetNotArray, "arguments to $facet must be arrays, \(name) is type \(pipeline.typeName)")
            }
            if items.isEmpty { throw EngineError(.facetEmptyPipeline, "sub-pipeline in $facet stage cannot be empty") }
            var stages: [Document] = []
            for item in items {
                guard case .document(let stage) = item else {
                    throw EngineError(.stageNotOneField, "A pipeline stage specification object must contain exactly one field.")
                }
                stages.append(stage)
            }
            out.append((name, try parsePipeline(stages, inFacet: true)))
        }
        return out
    }
}
