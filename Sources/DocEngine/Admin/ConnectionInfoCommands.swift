import BSON

/// `whatsmyuri`: the calling client's address as the server sees it.
enum WhatsMyURICommand {
    @Sendable static func run(_ context: CommandContext) async throws -> Document {
        let client = context.engine.activity.client(of: context.connectionID) ?? "anonymous unix socket"
        return ["you": .string(client), "ok": 1.0]
    }
}

/// `connectionStatus`: who is authenticated on this connection. The engine has no authentication, so
/// no one, exactly as a mongod without auth answers.
enum ConnectionStatusCommand {
    @Sendable static func run(_ context: CommandContext) async throws -> Document {
        var authInfo: Document = ["authenticatedUsers": [], "authenticatedUserRoles": []]
        if try context.fields.bool("showPrivileges") == true { authInfo.append("authenticatedUserPrivileges", []) }
        return ["authInfo": .document(authInfo), "ok": 1.0]
    }
}
