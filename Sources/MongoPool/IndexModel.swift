import BSON

/// One index for `createIndexes`.
public struct IndexModel: Sendable, Hashable {
    /// Field to direction (1, -1) or index type ("text", "2dsphere"...), in order.
    public var keys: Document
    /// Defaults to the name the server and drivers derive from the keys (`user_1_sentAt_-1`).
    public var name: String?
    public var unique: Bool
    /// Index only the documents that match (also limits what `unique` applies to).
    public var partialFilterExpression: Document?

    public init(keys: Document, name: String? = nil, unique: Bool = false, partialFilterExpression: Document? = nil) {
        self.keys = keys
        self.name = name
        self.unique = unique
        self.partialFilterExpression = partialFilterExpression
    }

    /// The explicit name, or `field_direction` pairs joined with `_`.
    public var resolvedName: String {
        name ?? keys.elements.map { key, value in
            let direction: String =
                if let integer = value.integerValue { String(integer) }
                else if let text = value.stringValue { text }
                else { value.typeName }
            return "\(key)_\(direction)"
        }.joined(separator: "_")
    }

    /// The entry in the command's `indexes` array.
    var document: Document {
        var document = Document([("key", .document(keys)), ("name", .string(resolvedName))])
        if unique { document.append("unique", true) }
        if let partialFilterExpression {
            document.append("partialFilterExpression", .document(partialFilterExpression))
        }
        return document
    }
}
