import BSON
import EngineQuery

/// `getParameter`: `"*"` (or `{allParameters: true}`) for every parameter, else the ones named as fields
/// (`{getParameter: 1, featureCompatibilityVersion: 1}`); `{showDetails: true}` adds settability. Only
/// parameters whose value is true of this engine are listed.
enum GetParameterCommand {
    static var parameters: [(name: String, value: BSONValue)] {
        [
            ("authenticationMechanisms", []),  // the engine has no authentication
            ("featureCompatibilityVersion", ["version": .string(EngineVersion.featureCompatibility)]),
            ("maxBSONDepth", .int32(Int32(Document.maximumNestingDepth))),
            ("requireApiVersion", false),
            ("transactionLifetimeLimitSeconds", 60),
        ]
    }

    @Sendable static func run(_ context: CommandContext) async throws -> Document {
        var all = false
        var showDetails = false
        switch context.body[context.name] {
        case .string("*")?: all = true
        case .document(let options)?:
            all = options["allParameters"]?.truthValue ?? false
            showDetails = options["showDetails"]?.truthValue ?? false
        default: break
        }
        let requested = Set(context.body.keys.dropFirst().filter { !GenericArguments.names.contains($0) })
        var reply = Document()
        for parameter in parameters where all || requested.contains(parameter.name) {
            let value: BSONValue = showDetails
                ? ["value": parameter.value, "settableAtRuntime": false, "settableAtStartup": false]
                : parameter.value
            reply.append(parameter.name, value)
        }
        // As mongod: an unknown name beside known ones is skipped; only finding nothing is an error.
        guard reply.count > 0 else {
            throw EngineError(.invalidOptions, "no option found to get")
        }
        reply.append("ok", 1.0)
        return reply
    }
}
