import Foundation

/// The catalog readers see: replaced as a whole by the writer after each successful commit.
final class PublishedCatalog: @unchecked Sendable {
    private let lock = NSLock()
    private var catalog: Catalog

    init(_ catalog: Catalog) { self.catalog = catalog }

    var current: Catalog { lock.withLock { catalog } }

    func publish(_ catalog: Catalog) { lock.withLock { self.catalog = catalog } }
}
