/// A dotted path split once into its components. A component made only of digits in canonical form
/// ("0", "12", not "01") can also address an array element by position.
struct FieldPath: Sendable, Hashable {
    struct Component: Sendable, Hashable {
        let name: String
        let arrayIndex: Int?

        init(_ name: String) {
            self.name = name
            if let index = Int(name), index >= 0, String(index) == name {
                arrayIndex = index
            } else {
                arrayIndex = nil
            }
        }
    }

    let dotted: String
    let components: [Component]

    init(_ dotted: String) {
        self.dotted = dotted
        components = dotted.dottedPathComponents().map { Component(String($0)) }
    }
}
