import EngineQuery

/// MongoDB's naming rules for databases and collections, checked before anything is created.
enum NamespaceRules {
    static func validate(_ namespace: CollectionNamespace) throws(EngineError) {
        try validateDatabase(namespace.database)
        let name = namespace.collection
        guard !name.isEmpty else { throw EngineError(.invalidNamespace, "Invalid namespace specified '\(namespace)'") }
        guard !name.contains("$"), !name.utf8.contains(0), !name.hasPrefix("system.") else {
            throw EngineError(.invalidNamespace, "Invalid collection name: \(name)")
        }
        guard namespace.description.utf8.count <= 255 else {
            throw EngineError(.invalidNamespace, "Fully qualified namespace is too long. CollectionNamespace: \(namespace) Max: 255")
        }
    }

    static func validateDatabase(_ database: String) throws(EngineError) {
        let forbidden: Set<Character> = ["/", "\\", ".", " ", "\"", "$", "\0"]
        guard !database.isEmpty, database.utf8.count < 64, !database.contains(where: forbidden.contains) else {
            throw EngineError(.invalidNamespace, "Invalid database name: '\(database)'")
        }
    }
}
