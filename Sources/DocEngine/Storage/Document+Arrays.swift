import BSON

extension Document {
    /// Whether an array appears anywhere along a dotted path (which makes an index on it multikey).
    func hasArray(alongPath path: String) -> Bool {
        var current: [BSONValue] = [.document(self)]
        for component in path.dottedPathComponents() {
            var next: [BSONValue] = []
            for value in current {
                switch value {
                case .document(let doc):
                    if let child = doc[String(component)] { next.append(child) }
                case .array:
                    return true
                default:
                    continue
                }
            }
            if next.contains(where: { if case .array = $0 { true } else { false } }) { return true }
            current = next
        }
        return false
    }
}
