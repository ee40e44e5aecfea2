import CMongoC

/// A `bson_iter_t` on the heap, freed when the last reference goes. libbson's extra alignment keeps
/// iterators off the Swift stack, and a class lets a walk keep a stack of them without manual frees.
final class HeapIterator {
    let pointer: OpaquePointer

    init() {
        guard let pointer = cmongoc_iter_alloc() else { fatalError("out of memory allocating a bson_iter_t") }
        self.pointer = pointer
    }

    deinit { cmongoc_iter_free(pointer) }

    /// Starts iterating `bson` from its first element. False only for a `bson_t` shorter than 5 bytes.
    func start(_ bson: OpaquePointer) -> Bool { bson_iter_init(pointer, bson) }

    /// Advances to the next element; false at the end or when the bytes are corrupt.
    func next() -> Bool { bson_iter_next(pointer) }

    /// Advances to the next element named exactly `key`; false when none is left.
    func find(_ key: Document.ElementKey) -> Bool {
        while bson_iter_next(pointer) {
            if key.matches(pointer) { return true }
        }
        return false
    }

    /// Advances to the element at zero-based `position`; false when there are fewer elements.
    func advance(to position: Int) -> Bool {
        for _ in 0...position {
            guard bson_iter_next(pointer) else { return false }
        }
        return true
    }

    var type: bson_type_t { bson_iter_type(pointer) }

    var key: String { String(cString: bson_iter_key(pointer)) }

    /// Makes `child` iterate the document or array this iterator is on.
    func descend(into child: HeapIterator) -> Bool { bson_iter_recurse(pointer, child.pointer) }
}
