import Synchronization

/// The catalog readers see: replaced as a whole by the writer after each successful commit.
final class PublishedCatalog: Sendable {
    private let catalog: Mutex<Catalog>

    init(_ catalog: Catalog) { self.catalog = Mutex(catalog) }

    var current: Catalog { catalog.withLock { $0 } }

    func publish(_ catalog: Catalog) { self.catalog.withLock { $0 = catalog } }
}
