import BSON
import EngineQuery

/// `createIndexes`: builds each index in the same transaction, over the documents already stored.
enum CreateIndexesCommand {
    static let supportedOptions = Set(["v", "key", "name", "unique", "partialFilterExpression", "background",
                                       "sparse", "collation"]).union(textOptions)
    static let textOptions: Set<String> = ["weights", "default_language", "language_override", "textIndexVersion"]

    @Sendable static func run(_ context: CommandContext) async throws -> Document {
        let namespace = try context.collectionNamespace()
        try NamespaceRules.validate(namespace)
        try WriteConcernCheck.validate(context.fields)
        guard let items = try context.fields.array("indexes"), !items.isEmpty else {
            throw EngineError(.badValue, "Must specify at least one index to create")
        }
        var specs: [Document] = []
        for item in items {
            guard case .document(let spec) = item else {
                throw EngineError(.typeMismatch, "The 'indexes' field must be an array of index spec objects")
            }
            try IndexRefusal.check(spec)
            if let sparse = spec["sparse"], sparse.truthValue == nil {
                throw EngineError(.typeMismatch, "The field 'sparse' must be a boolean, but got \(sparse.typeName)")
            }
            for key in spec.keys where !supportedOptions.contains(key) {
                throw EngineError(.invalidIndexSpecificationOption, "The field '\(key)' is not valid for an index specification. Specification: \(spec.relaxedExtendedJSON)")
            }
            guard case .document(let key)? = spec["key"] else {
                throw EngineError(.failedToParse, "The 'key' field is a required property of an index specification")
            }
            if !TextIndexSpec.isText(key: key), let option = spec.keys.first(where: textOptions.contains) {
                throw EngineError(.invalidIndexSpecificationOption, "The field '\(option)' is only valid for text indexes. Specification: \(spec.relaxedExtendedJSON)")
            }
            guard case .string(let name)? = spec["name"], !name.isEmpty else {
                throw EngineError(.failedToParse, "The 'name' field is a required property of an index specification")
            }
            if let partial = spec["partialFilterExpression"] {
                guard case .document(let expression) = partial else {
                    throw EngineError(.typeMismatch, "The field 'partialFilterExpression' must be an object")
                }
                if try Filter(expression).text != nil {
                    throw EngineError(.cannotCreateIndex, "unsupported expression in partial index: $text")
                }
            }
            // Only the simple collation is accepted, so dropping it leaves the index as asked.
            try CollationCheck.validate(spec["collation"], field: "collation")
            let version = try indexVersion(spec)
            specs.append(spec.removing("background").removing("collation").removing("v").appending("v", .int32(version)))
        }
        let requested = specs
        let (before, after, created) = try await context.engine.store.write { writer in
            let (_, created) = try writer.ensureCollection(namespace)
            let before = writer.collection(namespace)!.indexes.count
            for spec in requested { _ = try writer.addIndex(to: namespace, spec: spec) }
            return (before, writer.collection(namespace)!.indexes.count, created)
        }
        var reply: Document = [
            "numIndexesBefore": .int32(Int32(before)), "numIndexesAfter": .int32(Int32(after)),
            "createdCollectionAutomatically": .bool(created),
        ]
        if before == after { reply.append("note", "all indexes already exist") }
        reply.append("ok", 1.0)
        return reply
    }

    /// `v`: 2 unless given; version 1 is still accepted, as by mongod, and kept.
    static func indexVersion(_ spec: Document) throws(EngineError) -> Int32 {
        guard let value = spec["v"] else { return 2 }
        guard value.isNumber else {
            throw EngineError(.typeMismatch, "The field 'v' must be a number, but got \(value.typeName)")
        }
        guard let version = value.integerValue, version == 1 || version == 2 else {
            throw EngineError(.cannotCreateIndex, "Invalid index specification \(spec.relaxedExtendedJSON); cannot create an index with v=\(value)")
        }
        return Int32(version)
    }
}

/// `listIndexes`: the index specs of a collection, as a cursor.
enum ListIndexesCommand {
    @Sendable static func run(_ context: CommandContext) async throws -> Document {
        let namespace = try context.collectionNamespace()
        guard let collection = context.engine.store.currentCatalog.collection(namespace) else {
            throw EngineError(.namespaceNotFound, "ns does not exist: \(namespace)")
        }
        return try CursorReply.buffered(collection.indexes.map(\.spec), batchSize: try CursorReply.batchSize(context),
                                        cursorNamespace: namespace, context: context)
    }
}

/// `dropIndexes`: by name, by key pattern, a list of names, or "*" for all but `_id_`.
enum DropIndexesCommand {
    @Sendable static func run(_ context: CommandContext) async throws -> Document {
        let namespace = try context.collectionNamespace()
        try WriteConcernCheck.validate(context.fields)
        guard let target = context.body["index"] else {
            throw EngineError(.missingRequiredField, "BSON field 'dropIndexes.index' is missing but a required field")
        }
        let was = try await context.engine.store.write { writer -> Int in
            guard let collection = writer.collection(namespace) else {
                throw EngineError(.namespaceNotFound, "ns not found \(namespace)")
            }
            let names: [String]
            switch target {
            case .string("*"):
                names = collection.indexes.filter { !$0.isIDIndex }.map(\.name)
            case .string(let name):
                names = [name]
            case .array(let items):
                names = try items.map { item throws(EngineError) in
                    guard case .string(let name) = item else { throw EngineError(.typeMismatch, "dropIndexes index names must be strings") }
                    return name
                }
            case .document(let keys) where TextIndexSpec.isText(key: keys):
                // A text index is named by its stored key, `{_fts: "text", _ftsx: 1}` with any prefix.
                guard let match = collection.indexes.first(where: { $0.text?.keyDocument == keys }) else {
                    throw EngineError(.indexNotFound, "can't find index with key: \(ShellFormat.render(keys))")
                }
                names = [match.name]
            case .document(let keys):
                let pattern = try KeyPattern(keys)
                guard let match = collection.indexes.first(where: { $0.pattern == pattern }) else {
                    throw EngineError(.indexNotFound, "can't find index with key: \(ShellFormat.render(keys))")
                }
                names = [match.name]
            default:
                throw EngineError(.typeMismatch, 
                    "BSON field 'dropIndexes.index' is the wrong type '\(target.typeName)', expected types '[string, object]'")
            }
            for name in names {
                if name == "_id_" { throw EngineError(.invalidOptions, "cannot drop _id index") }
                try writer.dropIndex(named: name, from: namespace)
            }
            return collection.indexes.count
        }
        return ["nIndexesWas": .int32(Int32(was)), "ok": 1.0]
    }
}
