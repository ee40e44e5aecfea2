import BSON
import CMongoC

/// A `bson_t` for a libmongoc "reply" out-parameter. libmongoc initialises those itself (C callers pass a
/// stack `bson_t`), so a `bson_new()` document would leak; this is the aligned heap equivalent of that
/// stack storage, freed with the object.
final class ReplyStorage {
    let pointer: OpaquePointer
    private var isTaken = false

    init() {
        guard let pointer = cmongoc_bson_alloc() else { fatalError("out of memory allocating a bson_t") }
        self.pointer = pointer
    }

    deinit { if !isTaken { cmongoc_bson_free(pointer) } }

    /// An owned copy of what libmongoc wrote.
    var document: Document { Document(copying: pointer) }

    /// What libmongoc wrote, handed over without a copy; the storage must not be used afterwards.
    func take() -> Document {
        precondition(!isTaken, "a reply is taken once")
        isTaken = true
        return Document(stealing: pointer)
    }
}

extension Optional where Wrapped == Document {
    /// Lends the document's `bson_t`, or NULL (libmongoc's "no options").
    func withBSONPointer<T>(_ body: (OpaquePointer?) -> T) -> T {
        switch self {
        case .some(let document): document.withBSONPointer { body($0) }
        case .none: body(nil)
        }
    }
}
