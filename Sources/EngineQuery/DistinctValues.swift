import BSON

/// The values `distinct` collects from one document at a dotted path: what the path reaches, with
/// arrays met on the way fanned out as in matching, and an array at the end contributing its elements
/// (one level: an array inside it stays one value). Missing fields contribute nothing.
public enum DistinctValues {
    public static func values(in document: Document, path: String) -> [BSONValue] {
        var found: [BSONValue] = []
        _ = PathTraversal.visit(document, FieldPath(path), expandLeafArrays: false) { value in
            switch value {
            case nil: break
            case .array(let items)?: found.append(contentsOf: items)
            case let value?: found.append(value)
            }
            return false
        }
        return found
    }
}
